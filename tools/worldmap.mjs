// Converts Natural Earth country shapes (world-atlas TopoJSON) into assets/world/countries.tsv:
// one line per ISO 3166 alpha-3 code with the country's outline as SVG path data, projected
// (Equal Earth), simplified and rounded, so that the overview page draws its map offline.
//
// Run once, from the repository root, when the geometry should change:
//   mkdir -p /tmp/atlas && (cd /tmp/atlas && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz)
//   node tools/worldmap.mjs /tmp/atlas/package/countries-50m.json \
//        /usr/share/iso-codes/json/iso_3166-1.json > assets/world/countries.tsv
// The second file is Debian's iso-codes package (apt-get install iso-codes): it maps the
// ISO 3166 numeric ids world-atlas uses to alpha-3 codes. No other dependency: plain Node.
import { readFileSync } from "node:fs";

const [topoPath, isoPath] = process.argv.slice(2);
if (!topoPath || !isoPath) {
  console.error("usage: node tools/worldmap.mjs countries-50m.json iso_3166-1.json > assets/world/countries.tsv");
  process.exit(2);
}
const topo = JSON.parse(readFileSync(topoPath, "utf8"));
const iso = JSON.parse(readFileSync(isoPath, "utf8"))["3166-1"];
const alpha3 = new Map(iso.map((c) => [c.numeric, c.alpha_3]));

// Shapes without an ISO numeric id in Natural Earth, decided one by one.
const UNNUMBERED = {
  Kosovo: "XKX", // the code the country registry (indicators/countries.csv) and the World Bank use
  "N. Cyprus": "CYP", // internationally recognised as part of the Republic of Cyprus
  Somaliland: "SOM", // internationally recognised as part of Somalia
  "Indian Ocean Ter.": null, // Christmas Island and the Cocos Islands (Australia): not rated, left out
  "Siachen Glacier": null, // disputed between India and Pakistan, assigned to neither: left out
};
const DROPPED = new Set(["ATA"]); // Antarctica: no state to rate; the map is cut at 58° S
const SOUTH = -58;

const WIDTH = 1000;
const TOLERANCE = 0.3; // Douglas–Peucker, in pixels at WIDTH
const MIN_RING_AREA = 0.4; // smaller islands are dropped (unless they are all a country has)

// Decode the quantised, delta-encoded arcs.
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

// Equal Earth (Šavrič, Patterson, Jenny 2018).
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
function project([lon, lat]) {
  const l = (lon * Math.PI) / 180, p = (Math.max(lat, SOUTH) * Math.PI) / 180;
  const t = Math.asin(M * Math.sin(p)), t2 = t * t, t6 = t2 * t2 * t2;
  const x = (l * Math.cos(t)) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
  const y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
  return [x, y];
}
const [XMAX] = project([180, 0]);
const [, YTOP] = project([0, 90]);
const [, YBOTTOM] = project([0, SOUTH]);
const scale = WIDTH / (2 * XMAX);
const HEIGHT = Math.ceil((YTOP - YBOTTOM) * scale);
const toPx = ([x, y]) => [(x + XMAX) * scale, (YTOP - y) * scale];

// The rings in longitude and latitude. world-atlas stitches shapes across the antimeridian
// (Russia, Fiji, the Aleutians), so a ring may jump from 180° to -180°: it is unwrapped and
// cut there again: the part beyond 180° is clipped off and drawn again, shifted by 360°.
function rings(indexes) {
  const points = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    arc.forEach((p, k) => { if (k > 0 || points.length === 0) points.push(p.slice()); });
  }
  for (let k = 1; k < points.length; k++) {
    while (points[k][0] - points[k - 1][0] > 180) points[k][0] -= 360;
    while (points[k][0] - points[k - 1][0] < -180) points[k][0] += 360;
  }
  const lons = points.map((p) => p[0]);
  const lo = Math.min(...lons), hi = Math.max(...lons);
  const copies = [clip(points, 0)];
  if (lo < -180) copies.push(clip(points, 360));
  if (hi > 180) copies.push(clip(points, -360));
  return copies.filter((c) => c.length >= 3).map((c) => c.map((p) => toPx(project(p))));
}

// The ring shifted by `shift` degrees and clipped to -180° ≤ longitude ≤ 180°
// (Sutherland–Hodgman, one meridian at a time).
function clip(points, shift) {
  let ring = points.map(([x, y]) => [x + shift, y]);
  for (const [inside, edge] of [[(x) => x <= 180, 180], [(x) => x >= -180, -180]]) {
    const out = [];
    ring.forEach((p, i) => {
      const q = ring[(i + 1) % ring.length];
      const pin = inside(p[0]), qin = inside(q[0]);
      if (pin) out.push(p);
      if (pin !== qin) out.push([edge, p[1] + ((q[1] - p[1]) * (edge - p[0])) / (q[0] - p[0])]);
    });
    ring = out;
  }
  return ring;
}

function simplify(points) {
  if (points.length < 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > TOLERANCE) { keep[at] = 1; stack.push([a, at], [at, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

const area = (pts) => Math.abs(pts.reduce((s, [x, y], i) => {
  const [x2, y2] = pts[(i + 1) % pts.length];
  return s + x * y2 - x2 * y;
}, 0)) / 2;

function pathData(rings) {
  let d = "";
  for (const pts of rings) {
    let px = 0, py = 0, first = true, out = "";
    for (const [x, y] of pts) {
      const rx = Math.round(x * 10), ry = Math.round(y * 10);
      if (first) { out += `M${rx / 10} ${ry / 10}`; first = false; }
      else {
        const dx = (rx - px) / 10, dy = (ry - py) / 10;
        if (dx === 0 && dy === 0) continue;
        out += `l${dx}${dy < 0 ? "" : " "}${dy}`;
      }
      px = rx; py = ry;
    }
    d += out + "z";
  }
  return d;
}

const countries = new Map(); // alpha-3 -> { names, rings }
for (const g of topo.objects.countries.geometries) {
  const name = g.properties.name;
  const code = g.id === undefined ? UNNUMBERED[name] : alpha3.get(g.id);
  if (code === undefined) throw new Error(`no ISO code for ${name} (${g.id}): decide in UNNUMBERED`);
  if (code === null || DROPPED.has(code)) continue;
  const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const entry = countries.get(code) || { names: [], rings: [] };
  entry.names.push(name);
  for (const polygon of polygons) for (const r of polygon) for (const c of rings(r)) entry.rings.push(simplify(c));
  countries.set(code, entry);
}

const lines = [
  "# Country outlines for the overview map: Natural Earth 1:50m Admin 0 countries (public domain),",
  "# via the npm package world-atlas 2.0.2 (countries-50m.json, ISC licence); converted by tools/worldmap.mjs.",
  `# Equal Earth projection, ${WIDTH} px wide, cut at ${-SOUTH}° S; Douglas–Peucker ${TOLERANCE} px; 0.1 px.`,
  `#viewBox\t0 0 ${WIDTH} ${HEIGHT}`,
  "# iso3\tnatural_earth_names\tarea_px2\twidth_px\theight_px\tpath",
];
for (const code of [...countries.keys()].sort()) {
  const { names, rings } = countries.get(code);
  const areas = rings.map(area);
  const biggest = Math.max(...areas);
  const kept = rings.filter((r, i) => r.length >= 3 && (areas[i] >= MIN_RING_AREA || areas[i] === biggest));
  const all = kept.flat();
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  const w = Math.max(...xs) - Math.min(...xs), h = Math.max(...ys) - Math.min(...ys);
  const total = kept.reduce((s, r) => s + area(r), 0);
  lines.push([code, names.join("|"), total.toFixed(1), w.toFixed(1), h.toFixed(1), pathData(kept)].join("\t"));
}
process.stdout.write(lines.join("\n") + "\n");
