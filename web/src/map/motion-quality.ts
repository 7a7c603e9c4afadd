// SPDX-License-Identifier: GPL-3.0-or-later
// Under a software WebGL renderer (no GPU: SwiftShader, llvmpipe), filling pixels is what a frame costs, so the
// map draws at about a third of its resolution while it moves (an eighth of the pixels) and at full resolution
// again once it has been still a moment. With a GPU nothing changes.

import type { Map as MapLibreMap } from 'maplibre-gl';

/** Renderer names of the CPU implementations of WebGL. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software/i;

/** The WebGL renderer's name, from a throwaway context (the map's own is not public). */
function rendererName(): string {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

/** Whether the browser renders WebGL on the CPU. */
export function softwareWebGl(): boolean {
  return SOFTWARE.test(rendererName());
}

/** Lowers `map`'s resolution by `factor` while it moves (software WebGL only); full again after `settleMs` still. */
export function lowerResolutionWhileMoving(map: MapLibreMap, factor = 0.35, settleMs = 250): void {
  if (!softwareWebGl()) return;
  const full = map.getPixelRatio();
  let settle: ReturnType<typeof setTimeout> | undefined;
  map.on('movestart', () => {
    clearTimeout(settle);
    if (map.getPixelRatio() !== full * factor) map.setPixelRatio(full * factor);
  });
  map.on('moveend', () => {
    clearTimeout(settle);
    settle = setTimeout(() => map.setPixelRatio(full), settleMs);
  });
}
