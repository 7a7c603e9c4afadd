// SPDX-License-Identifier: GPL-3.0-or-later
// Aircraft symbols and dark-track halos drawn by one WebGL custom layer, as a radar display draws them: one vertex
// buffer rebuilt per snapshot, so that panning and zooming change only the matrix uniform. (A GeoJSON symbol layer
// re-tiles and re-places thousands of icons on every move: a 5,000-aircraft picture panned at a few frames a second.)
// Picking is done here too, in JS, against the positions the last frame drew.

import type { CustomRenderMethodInput } from 'maplibre-gl';
import type { Track } from '../types.ts';
import { compileProgram, GlLayer, uniforms } from './gl.ts';
import { ATLAS, iconAtlas, iconIndex } from './icons.ts';

export const AIRCRAFT_LAYER = 'aircraft';

/** Icon scale against zoom, as the symbol layer had it: 0.7 at zoom 4 and below, rising linearly to 1 at zoom 8. */
export function iconScale(zoom: number): number {
  return 0.7 + 0.3 * Math.min(1, Math.max(0, (zoom - 4) / 4));
}

/** Web Mercator in the unit square (0,0 north-west, 1,1 south-east), the space of MapLibre's custom-layer matrix. */
export function mercatorX(lonDeg: number): number {
  return (lonDeg + 180) / 360;
}
export function mercatorY(latDeg: number): number {
  const s = Math.sin((Math.max(-85.051129, Math.min(85.051129, latDeg)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** An aircraft as the last frame drew it: its track and its centre in CSS pixels from the map's top-left corner. */
export interface DrawnAircraft {
  trackId: number;
  x: number;
  y: number;
  dark: boolean;
  category: Track['category'];
  transponder: Track['transponder'];
}

/** The dark-track halo as the circle layer drew it: radius and stroke in CSS pixels, edge blur as a fraction of both. */
const HALO = { radiusPx: 13, strokePx: 1, blur: 0.3, fill: [255, 40, 40, 0.22], stroke: [255, 59, 59, 0.85] } as const;
/** CSS pixels beyond an icon's half size that still pick it (the symbol layer was queried with a 6 px box around the click). */
const PICK_SLACK_PX = 4;
/**
 * Floats per vertex: mercator x and y relative to the buffer's origin, heading in radians, atlas cell, then the corner
 * of the aircraft's quad. Four vertices per aircraft rather than instancing: SwiftShader (software WebGL) draws each
 * instance as a draw of its own, which made 5,000 instances cost more than the whole basemap.
 */
const FLOATS = 6;
/** The quad's corners as (x, y) picks from its icon's box (x0, y0, x1, y1), and its two triangles. */
const CORNERS = [0, 1, 2, 1, 0, 3, 2, 3];
const QUAD_INDICES = [0, 1, 2, 2, 1, 3];

/** GLSL literal of a premultiplied colour. */
const premultiplied = ([r, g, b, a]: readonly number[]) => `vec4(${[r / 255, g / 255, b / 255].map((c) => (c * a).toFixed(4)).join(', ')}, ${a.toFixed(4)})`;

// Each aircraft is a quad around its position: a_corner is where a vertex is in the icon's square, -0.5..0.5.
const ICON_VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform vec2 u_clip_per_px;
uniform float u_size_px;
uniform float u_bearing;
layout(location = 0) in vec4 a_aircraft;
layout(location = 1) in vec2 a_corner;
out vec2 v_uv;
void main() {
  vec4 centre = u_matrix * vec4(a_aircraft.xy, 0.0, 1.0);
  // Icons point north: turn clockwise on screen by the heading, less the map's bearing.
  float a = a_aircraft.z - u_bearing;
  vec2 o = a_corner * u_size_px;
  vec2 turned = vec2(o.x * cos(a) - o.y * sin(a), o.x * sin(a) + o.y * cos(a));
  gl_Position = centre + vec4(turned * u_clip_per_px * centre.w, 0.0, 0.0);
  int cell = int(a_aircraft.w + 0.5);
  vec2 origin = vec2(float(cell % ${ATLAS.columns}), float(cell / ${ATLAS.columns})) * ${ATLAS.cellPx}.0 + ${(ATLAS.cellPx - ATLAS.iconPx) / 2}.0;
  v_uv = (origin + (a_corner + 0.5) * ${ATLAS.iconPx}.0) / vec2(${ATLAS.columns * ATLAS.cellPx}.0, ${ATLAS.rows * ATLAS.cellPx}.0);
}`;

const ICON_FRAGMENT = `#version 300 es
precision mediump float;
uniform sampler2D u_atlas;
in vec2 v_uv;
out vec4 fragColor;
void main() {
  fragColor = texture(u_atlas, v_uv);
}`;

const HALO_VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform vec2 u_clip_per_px;
layout(location = 0) in vec4 a_aircraft;
layout(location = 1) in vec2 a_corner;
out vec2 v_extrude;
void main() {
  vec4 centre = u_matrix * vec4(a_aircraft.xy, 0.0, 1.0);
  // The icon's box is not square; the halo is, around the same centre.
  v_extrude = sign(a_corner);
  gl_Position = centre + vec4(v_extrude * ${HALO.radiusPx + HALO.strokePx}.0 * u_clip_per_px * centre.w, 0.0, 0.0);
}`;

// MapLibre's circle shading: the fill fades into the stroke colour towards the rim, and the whole fades out at the rim.
const HALO_FRAGMENT = `#version 300 es
precision mediump float;
in vec2 v_extrude;
out vec4 fragColor;
void main() {
  float e = length(v_extrude);
  float opacity = 1.0 - smoothstep(-${HALO.blur}, 0.0, e - 1.0);
  float rim = smoothstep(-${HALO.blur}, 0.0, e - ${(HALO.radiusPx / (HALO.radiusPx + HALO.strokePx)).toFixed(4)});
  fragColor = opacity * mix(${premultiplied(HALO.fill)}, ${premultiplied(HALO.stroke)}, rim);
}`;

interface GlState {
  icon: WebGLProgram;
  halo: WebGLProgram;
  iconUniforms: Record<'u_matrix' | 'u_clip_per_px' | 'u_size_px' | 'u_bearing' | 'u_atlas', WebGLUniformLocation | null>;
  haloUniforms: Record<'u_matrix' | 'u_clip_per_px', WebGLUniformLocation | null>;
  vao: WebGLVertexArrayObject;
  vertices: WebGLBuffer;
  indices: WebGLBuffer;
  /** Aircraft the index buffer has room for. */
  indexCapacity: number;
  atlas: WebGLTexture;
}

export class AircraftLayer extends GlLayer<GlState> {
  /** CPU copy of the vertex buffer; sent to the GPU at the next frame after a change. */
  private data = new Float32Array(0);
  private count = 0;
  /** Aircraft from here on are dark (drawn last, on top, and with a halo). */
  private firstDark = 0;
  /** Mercator origin the vertex positions are relative to (float32 keeps sub-pixel precision near it). */
  private originX = 0;
  private originY = 0;
  /** For picking, in drawing order: tracks and their absolute mercator positions. */
  private tracks: Track[] = [];
  private mx = new Float64Array(0);
  private my = new Float64Array(0);
  /** The last frame's mercator-to-clip matrix and size in CSS pixels (null before the first frame). */
  private drawnMatrix: Float64Array | null = null;
  private drawnWidthPx = 0;
  private drawnHeightPx = 0;
  private drawnSizePx = 0;

  constructor() {
    super(AIRCRAFT_LAYER);
  }

  protected release(gl: WebGL2RenderingContext, s: GlState): void {
    gl.deleteProgram(s.icon);
    gl.deleteProgram(s.halo);
    gl.deleteVertexArray(s.vao);
    gl.deleteBuffer(s.vertices);
    gl.deleteBuffer(s.indices);
    gl.deleteTexture(s.atlas);
  }

  /**
   * Takes the aircraft to draw (once per snapshot or filter change). Civil first, then military, state and unknown,
   * dark tracks last: what matters most is drawn on top.
   */
  setAircraft(tracks: readonly Track[]): void {
    const rank = (tr: Track) => (tr.transponder !== 'on' ? 2 : tr.category === 'civil' ? 0 : 1);
    const ordered: Track[] = [];
    for (const r of [0, 1, 2]) for (const tr of tracks) if (rank(tr) === r) ordered.push(tr);
    const n = ordered.length;
    if (this.mx.length < n) {
      const capacity = Math.max(n, 2 * this.mx.length, 256);
      this.data = new Float32Array(capacity * 4 * FLOATS);
      this.mx = new Float64Array(capacity);
      this.my = new Float64Array(capacity);
    }
    this.originX = n > 0 ? mercatorX(ordered[0].lon) : 0;
    this.originY = n > 0 ? mercatorY(ordered[0].lat) : 0;
    this.firstDark = n;
    const d = this.data;
    const bounds = iconAtlas().bounds;
    for (let i = 0; i < n; i++) {
      const tr = ordered[i];
      const x = mercatorX(tr.lon);
      const y = mercatorY(tr.lat);
      this.mx[i] = x;
      this.my[i] = y;
      const heading = (tr.trackDeg * Math.PI) / 180;
      const icon = iconIndex(tr.category, tr.transponder);
      for (let c = 0; c < 4; c++) {
        const o = (i * 4 + c) * FLOATS;
        d[o] = x - this.originX;
        d[o + 1] = y - this.originY;
        d[o + 2] = heading;
        d[o + 3] = icon;
        // Corners of the icon's visible box, -0.5..0.5 around the aircraft, y down as on screen.
        d[o + 4] = bounds[icon * 4 + CORNERS[2 * c]] - 0.5;
        d[o + 5] = bounds[icon * 4 + CORNERS[2 * c + 1]] - 0.5;
      }
      if (tr.transponder !== 'on' && this.firstDark === n) this.firstDark = i;
    }
    this.tracks = ordered;
    this.count = n;
    this.changed();
  }

  /** The track drawn nearest to a point of the map (CSS pixels), if one is drawn within reach of it; else null. */
  aircraftAt(xPx: number, yPx: number): number | null {
    const reach = this.drawnSizePx / 2 + PICK_SLACK_PX;
    let best = reach * reach;
    let found: number | null = null;
    this.project((i, x, y) => {
      const d = (x - xPx) ** 2 + (y - yPx) ** 2;
      if (d <= best) {
        // Later aircraft are drawn on top: they win ties.
        best = d;
        found = this.tracks[i].trackId;
      }
    });
    return found;
  }

  /** Every aircraft of the latest picture that the last frame's view puts inside the map, in drawing order. */
  renderedAircraft(): DrawnAircraft[] {
    const out: DrawnAircraft[] = [];
    this.project((i, x, y) => {
      if (x < 0 || y < 0 || x >= this.drawnWidthPx || y >= this.drawnHeightPx) return;
      const tr = this.tracks[i];
      out.push({ trackId: tr.trackId, x, y, dark: tr.transponder !== 'on', category: tr.category, transponder: tr.transponder });
    });
    return out;
  }

  /** Calls `f` with each aircraft's centre in CSS pixels, as the last frame's matrix put it on screen. */
  private project(f: (i: number, xPx: number, yPx: number) => void): void {
    const m = this.drawnMatrix;
    if (!m) return;
    const w = this.drawnWidthPx;
    const h = this.drawnHeightPx;
    for (let i = 0; i < this.count; i++) {
      const x = this.mx[i];
      const y = this.my[i];
      const cw = m[3] * x + m[7] * y + m[15];
      f(i, ((m[0] * x + m[4] * y + m[12]) / cw + 1) * 0.5 * w, (1 - (m[1] * x + m[5] * y + m[13]) / cw) * 0.5 * h);
    }
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.map;
    if (!map) return;
    this.state ??= createState(gl);
    const s = this.state;
    const main = options.defaultProjectionData.mainMatrix;
    this.drawnMatrix = Float64Array.from(main as ArrayLike<number>);
    const ratio = map.getPixelRatio();
    this.drawnWidthPx = gl.drawingBufferWidth / ratio;
    this.drawnHeightPx = gl.drawingBufferHeight / ratio;
    this.drawnSizePx = ATLAS.cssPx * iconScale(map.getZoom());
    if (!this.uploaded) {
      gl.bindVertexArray(s.vao);
      gl.bindBuffer(gl.ARRAY_BUFFER, s.vertices);
      gl.bufferData(gl.ARRAY_BUFFER, this.data.subarray(0, this.count * 4 * FLOATS), gl.DYNAMIC_DRAW);
      if (s.indexCapacity < this.count) {
        s.indexCapacity = this.mx.length;
        const indices = new Uint32Array(s.indexCapacity * 6);
        for (let i = 0; i < indices.length; i++) indices[i] = 4 * Math.floor(i / 6) + QUAD_INDICES[i % 6];
        gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indices, gl.STATIC_DRAW);
      }
      gl.bindVertexArray(null);
      this.uploaded = true;
    }
    if (this.count === 0) return;

    // Relative to the origin, in doubles: float32 mercator alone would jitter by pixels at high zoom.
    const m = Float32Array.from(this.drawnMatrix);
    for (let r = 0; r < 4; r++) m[12 + r] = main[r] * this.originX + main[4 + r] * this.originY + main[12 + r];
    const clipPerPx = [2 / this.drawnWidthPx, -2 / this.drawnHeightPx];
    gl.disable(gl.DEPTH_TEST);

    gl.bindVertexArray(s.vao);
    if (this.firstDark < this.count) {
      gl.useProgram(s.halo);
      gl.uniformMatrix4fv(s.haloUniforms.u_matrix, false, m);
      gl.uniform2fv(s.haloUniforms.u_clip_per_px, clipPerPx);
      // The dark aircraft are the tail of the buffer.
      gl.drawElements(gl.TRIANGLES, (this.count - this.firstDark) * 6, gl.UNSIGNED_INT, this.firstDark * 6 * 4);
    }

    gl.useProgram(s.icon);
    gl.uniformMatrix4fv(s.iconUniforms.u_matrix, false, m);
    gl.uniform2fv(s.iconUniforms.u_clip_per_px, clipPerPx);
    gl.uniform1f(s.iconUniforms.u_size_px, this.drawnSizePx);
    gl.uniform1f(s.iconUniforms.u_bearing, (map.getBearing() * Math.PI) / 180);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, s.atlas);
    gl.uniform1i(s.iconUniforms.u_atlas, 0);
    gl.drawElements(gl.TRIANGLES, this.count * 6, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }
}

/** Programs, buffers and the icon atlas; made at the first frame, where MapLibre expects GL state to change. */
function createState(gl: WebGL2RenderingContext): GlState {
  const icon = compileProgram(gl, ICON_VERTEX, ICON_FRAGMENT);
  const halo = compileProgram(gl, HALO_VERTEX, HALO_FRAGMENT);
  const vertices = gl.createBuffer();
  const indices = gl.createBuffer();
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  gl.bindBuffer(gl.ARRAY_BUFFER, vertices);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 4, gl.FLOAT, false, FLOATS * 4, 0);
  gl.enableVertexAttribArray(1);
  gl.vertexAttribPointer(1, 2, gl.FLOAT, false, FLOATS * 4, 4 * 4);
  gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indices);
  gl.bindVertexArray(null);

  const atlas = gl.createTexture();
  gl.activeTexture(gl.TEXTURE0);
  gl.bindTexture(gl.TEXTURE_2D, atlas);
  // Premultiplied, as MapLibre blends (ONE, ONE_MINUS_SRC_ALPHA).
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, iconAtlas().canvas);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);

  return {
    icon,
    halo,
    iconUniforms: uniforms(gl, icon, ['u_matrix', 'u_clip_per_px', 'u_size_px', 'u_bearing', 'u_atlas'] as const),
    haloUniforms: uniforms(gl, halo, ['u_matrix', 'u_clip_per_px'] as const),
    vao,
    vertices,
    indices,
    indexCapacity: 0,
    atlas,
  };
}
