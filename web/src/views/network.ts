// The network of actors and operations: who authorizes, runs, funds, staffs and supports whom.
// The layout is a force simulation run to rest before drawing, so the picture is the same each time.
import * as d3 from "d3";
import type { Network, NetworkNode, RunInfo } from "../data";
import { get } from "../data";
import { element, message } from "../charts";

interface SimNode extends NetworkNode, d3.SimulationNodeDatum {}
interface SimLink extends d3.SimulationLinkDatum<SimNode> {
  kind: string;
  text: string;
}

export async function renderNetwork(root: HTMLElement, run: RunInfo): Promise<void> {
  let network: Network;
  try {
    network = await get<Network>(`/api/runs/${run.id}/network`);
  } catch (e) {
    message(root, `No network for this run: ${(e as Error).message}`);
    return;
  }
  const kinds = [...new Set(network.edges.map((e) => e.kind))].sort();
  const shownKinds = new Set(kinds.filter((k) => k !== "member_of"));
  const controls = element("div", { class: "controls", id: "network-kinds" });
  const chart = element("div");
  root.append(controls, chart);
  const edgeColor = d3.scaleOrdinal(d3.schemeTableau10).domain(kinds);
  for (const k of kinds) {
    const box = element("input", { type: "checkbox", value: k });
    box.checked = shownKinds.has(k);
    box.addEventListener("change", () => {
      if (box.checked) shownKinds.add(k);
      else shownKinds.delete(k);
      draw();
    });
    const label = element("label", {});
    label.style.color = edgeColor(k);
    label.append(box, document.createTextNode(` ${k.replaceAll("_", " ")} `));
    controls.append(label);
  }

  function draw(): void {
    chart.replaceChildren();
    const width = 900,
      height = 620;
    const links: SimLink[] = network.edges.filter((e) => shownKinds.has(e.kind)).map((e) => ({ source: e.from, target: e.to, kind: e.kind, text: e.text }));
    const used = new Set(links.flatMap((l) => [l.source as string, l.target as string]));
    const nodes: SimNode[] = network.nodes.filter((n) => used.has(n.id)).map((n) => ({ ...n }));
    const simulation = d3
      .forceSimulation(nodes)
      .force("link", d3.forceLink<SimNode, SimLink>(links).id((n) => n.id).distance(90))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .force("collide", d3.forceCollide(28))
      .stop();
    for (let i = 0; i < 300; ++i) simulation.tick();
    for (const n of nodes) {
      n.x = Math.max(40, Math.min(width - 40, n.x ?? 0));
      n.y = Math.max(20, Math.min(height - 20, n.y ?? 0));
    }
    const nodeColor = d3.scaleOrdinal(d3.schemeSet2);
    const svg = d3.select(chart).append("svg").attr("id", "network").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "chart");
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8").attr("refX", 16).attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#666");
    svg.append("g").selectAll("line").data(links).join("line")
      .attr("x1", (l) => (l.source as SimNode).x ?? 0).attr("y1", (l) => (l.source as SimNode).y ?? 0)
      .attr("x2", (l) => (l.target as SimNode).x ?? 0).attr("y2", (l) => (l.target as SimNode).y ?? 0)
      .attr("stroke", (l) => edgeColor(l.kind)).attr("stroke-width", 1.5).attr("marker-end", "url(#arrow)")
      .append("title").text((l) => `${(l.source as SimNode).name} ${l.kind.replaceAll("_", " ")} ${(l.target as SimNode).name}${l.text ? ": " + l.text : ""}`);
    const g = svg.append("g").selectAll("g").data(nodes).join("g").attr("transform", (n) => `translate(${n.x},${n.y})`).attr("data-node", (n) => n.id);
    g.append("circle").attr("r", (n) => (n.kind === "operation" ? 9 : 6)).attr("fill", (n) => nodeColor(n.kind)).attr("stroke", "#333");
    g.append("text").attr("x", 11).attr("y", 4).attr("class", "node-label").text((n) => n.name.length > 28 ? n.name.slice(0, 26) + "…" : n.name);
    g.append("title").text((n) => `${n.name} (${n.kind.replaceAll("_", " ")})`);
    chart.append(element("p", { class: "status", id: "network-status" }, `${nodes.length} actors and operations, ${links.length} links`));
  }
  draw();
}
