// SPDX-License-Identifier: GPL-3.0-or-later
// Small WebGL2 helpers for the map's custom layers: compile and link a program, fail loudly with the driver's log;
// the lifecycle the layers share (GL objects made at the first frame, again after a lost context, freed on removal).

import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';

export function compileProgram(gl: WebGL2RenderingContext, vertexSource: string, fragmentSource: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertexSource],
    [gl.FRAGMENT_SHADER, fragmentSource],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new Error('WebGL: cannot create a shader');
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`WebGL shader: ${gl.getShaderInfoLog(shader)}`);
    gl.attachShader(program, shader);
    gl.deleteShader(shader); // freed with the program
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`WebGL program: ${gl.getProgramInfoLog(program)}`);
  return program;
}

/** Uniform locations by name (a missing one is null, which WebGL ignores: e.g. optimised away). */
export function uniforms<K extends string>(gl: WebGL2RenderingContext, program: WebGLProgram, names: readonly K[]): Record<K, WebGLUniformLocation | null> {
  const out = {} as Record<K, WebGLUniformLocation | null>;
  for (const n of names) out[n] = gl.getUniformLocation(program, n);
  return out;
}

/**
 * A 2D custom layer whose GL objects (`state`) are made lazily at a frame and whose CPU data is uploaded when
 * changed (`uploaded` false). A lost WebGL context takes the objects with it: they are made again at the next frame.
 */
export abstract class GlLayer<S> implements CustomLayerInterface {
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  protected map: MapLibreMap | null = null;
  protected state: S | null = null;
  /** Whether the GPU has the current data. */
  protected uploaded = true;

  constructor(readonly id: string) {}

  onAdd(map: MapLibreMap): void {
    this.map = map;
    map.on('webglcontextlost', () => {
      this.state = null;
      this.uploaded = false;
    });
  }

  onRemove(_map: MapLibreMap, gl: WebGL2RenderingContext): void {
    if (this.state) this.release(gl, this.state);
    this.state = null;
    this.map = null;
  }

  /** New data to send at the next frame. */
  protected changed(): void {
    this.uploaded = false;
    this.map?.triggerRepaint();
  }

  /** Frees the layer's GL objects. */
  protected abstract release(gl: WebGL2RenderingContext, state: S): void;

  abstract render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void;
}
