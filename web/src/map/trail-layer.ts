// SPDX-License-Identifier: GPL-3.0-or-later
// Aircraft trails drawn by a WebGL custom layer: thin translucent lines, one quad per segment, rebuilt per snapshot.
// (As a MapLibre line layer, the trails' GeoJSON source cost two passes of tile clipping masks over the whole map on
// every frame: most of what software WebGL spent on them while the map panned.)

import type { CustomRenderMethodInput } from 'maplibre-gl';
import type { TrackCategory } from '../types.ts';
import { mercatorX, mercatorY } from './aircraft-layer.ts';
import { compileProgram, GlLayer, uniforms } from './gl.ts';
import { CATEGORY_COLOURS, DARK_COLOUR } from './icons.ts';

export const TRAILS_LAYER = 'trails';

/** A trail: flat [lon, lat, lon, lat, ...], oldest first, and whose colour it takes. */
export interface Trail {
  lonLat: readonly number[];
  category: TrackCategory;
  dark: boolean;
}

/** As the line layer drew them: 1.2 CSS pixels wide at 45 % opacity, in the aircraft's colour (red when dark). */
const WIDTH_PX = 1.2;
const OPACITY = 0.45;
/** Colour slots: the categories, then dark. */
const COLOUR_OF: Record<TrackCategory, number> = { civil: 0, military: 1, state: 2, unknown: 3 };
const DARK_SLOT = 4;
const COLOURS = [CATEGORY_COLOURS.civil, CATEGORY_COLOURS.military, CATEGORY_COLOURS.state, CATEGORY_COLOURS.unknown, DARK_COLOUR];

/** Floats per vertex: both ends of its segment (mercator, relative to the origin), side (-1, 1), end (0, 1), colour slot. */
const FLOATS = 7;

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
const premultiplied = (hex: string) => `vec4(${rgb(hex).map((c) => (c * OPACITY).toFixed(4)).join(', ')}, ${OPACITY})`;

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform vec2 u_px_per_clip;
layout(location = 0) in vec4 a_segment;
layout(location = 1) in vec3 a_vertex;
out float v_across_px;
flat out int v_colour;
const float REACH_PX = ${(WIDTH_PX / 2 + 1).toFixed(2)};
void main() {
  vec4 from = u_matrix * vec4(a_segment.xy, 0.0, 1.0);
  vec4 to = u_matrix * vec4(a_segment.zw, 0.0, 1.0);
  vec4 here = a_vertex.y > 0.5 ? to : from;
  // Offset across the segment on screen: half the width plus a pixel for antialiasing.
  vec2 along = (to.xy / to.w - from.xy / from.w) * u_px_per_clip;
  vec2 across = length(along) > 0.0 ? normalize(vec2(-along.y, along.x)) : vec2(0.0);
  v_across_px = a_vertex.x * REACH_PX;
  gl_Position = here + vec4(across * v_across_px / u_px_per_clip * here.w, 0.0, 0.0);
  v_colour = int(a_vertex.z + 0.5);
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in float v_across_px;
flat in int v_colour;
out vec4 fragColor;
const vec4 COLOURS[${COLOURS.length}] = vec4[](${COLOURS.map(premultiplied).join(', ')});
void main() {
  fragColor = COLOURS[v_colour] * clamp(${(WIDTH_PX / 2 + 0.5).toFixed(2)} - abs(v_across_px), 0.0, 1.0);
}`;

interface GlState {
  program: WebGLProgram;
  u: Record<'u_matrix' | 'u_px_per_clip', WebGLUniformLocation | null>;
  vao: WebGLVertexArrayObject;
  vertices: WebGLBuffer;
  indices: WebGLBuffer;
  indexCapacity: number;
}

export class TrailLayer extends GlLayer<GlState> {
  private data = new Float32Array(0);
  private segments = 0;
  private originX = 0;
  private originY = 0;

  constructor() {
    super(TRAILS_LAYER);
  }

  protected release(gl: WebGL2RenderingContext, s: GlState): void {
    gl.deleteProgram(s.program);
    gl.deleteVertexArray(s.vao);
    gl.deleteBuffer(s.vertices);
    gl.deleteBuffer(s.indices);
  }

  /** Takes the trails to draw (once per snapshot, or when the view they depend on changes). */
  setTrails(trails: readonly Trail[]): void {
    let segments = 0;
    for (const t of trails) segments += Math.max(0, t.lonLat.length / 2 - 1);
    if (this.data.length < segments * 4 * FLOATS) this.data = new Float32Array(Math.max(segments, 2 * (this.data.length / 4 / FLOATS), 1024) * 4 * FLOATS);
    const first = trails.find((t) => t.lonLat.length >= 2);
    this.originX = first ? mercatorX(first.lonLat[0]) : 0;
    this.originY = first ? mercatorY(first.lonLat[1]) : 0;
    const d = this.data;
    let o = 0;
    for (const t of trails) {
      const colour = t.dark ? DARK_SLOT : COLOUR_OF[t.category];
      const ll = t.lonLat;
      for (let i = 0; i + 3 < ll.length; i += 2) {
        const x0 = mercatorX(ll[i]) - this.originX;
        const y0 = mercatorY(ll[i + 1]) - this.originY;
        const x1 = mercatorX(ll[i + 2]) - this.originX;
        const y1 = mercatorY(ll[i + 3]) - this.originY;
        for (const [side, end] of [
          [-1, 0],
          [1, 0],
          [-1, 1],
          [1, 1],
        ]) {
          d[o] = x0;
          d[o + 1] = y0;
          d[o + 2] = x1;
          d[o + 3] = y1;
          d[o + 4] = side;
          d[o + 5] = end;
          d[o + 6] = colour;
          o += FLOATS;
        }
      }
    }
    this.segments = segments;
    this.changed();
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.map;
    if (!map) return;
    this.state ??= createState(gl);
    const s = this.state;
    if (!this.uploaded) {
      gl.bindVertexArray(s.vao);
      gl.bindBuffer(gl.ARRAY_BUFFER, s.vertices);
      gl.bufferData(gl.ARRAY_BUFFER, this.data.subarray(0, this.segments * 4 * FLOATS), gl.DYNAMIC_DRAW);
      if (s.indexCapacity < this.segments) {
        s.indexCapacity = this.data.length / 4 / FLOATS;
        const indices = new Uint32Array(s.indexCapacity * 6);
        const quad = [0, 1, 2, 2, 1, 3];
        for (let i = 0; i < indices.length; i++) indices[i] = 4 * Math.floor(i / 6) + quad[i % 6];
        gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indices, gl.STATIC_DRAW);
      }
      gl.bindVertexArray(null);
      this.uploaded = true;
    }
    if (this.segments === 0) return;
    const main = options.defaultProjectionData.mainMatrix;
    // Relative to the origin, in doubles, as the aircraft layer does (float32 mercator jitters at high zoom).
    const m = Float32Array.from(main as ArrayLike<number>);
    for (let r = 0; r < 4; r++) m[12 + r] = main[r] * this.originX + main[4 + r] * this.originY + main[12 + r];
    const ratio = map.getPixelRatio();
    gl.disable(gl.DEPTH_TEST);
    gl.useProgram(s.program);
    gl.uniformMatrix4fv(s.u.u_matrix, false, m);
    gl.uniform2f(s.u.u_px_per_clip, gl.drawingBufferWidth / ratio / 2, -gl.drawingBufferHeight / ratio / 2);
    gl.bindVertexArray(s.vao);
    gl.drawElements(gl.TRIANGLES, this.segments * 6, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }
}

function createState(gl: WebGL2RenderingContext): GlState {
  const program = compileProgram(gl, VERTEX, FRAGMENT);
  const vertices = gl.createBuffer();
  const indices = gl.createBuffer();
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  gl.bindBuffer(gl.ARRAY_BUFFER, vertices);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 4, gl.FLOAT, false, FLOATS * 4, 0);
  gl.enableVertexAttribArray(1);
  gl.vertexAttribPointer(1, 3, gl.FLOAT, false, FLOATS * 4, 4 * 4);
  gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indices);
  gl.bindVertexArray(null);
  return { program, u: uniforms(gl, program, ['u_matrix', 'u_px_per_clip'] as const), vao, vertices, indices, indexCapacity: 0 };
}
