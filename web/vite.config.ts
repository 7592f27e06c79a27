// One self-contained index.html (scripts and styles inlined): `peacesim serve` embeds it in the
// binary and `peacesim report` writes it with a run's data, so nothing is fetched from elsewhere.
import { defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";

export default defineConfig({
  plugins: [viteSingleFile()],
  build: { outDir: process.env.PEACESIM_WEB_OUT ?? "dist", emptyOutDir: true, reportCompressedSize: false },
});
