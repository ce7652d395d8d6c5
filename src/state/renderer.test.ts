import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './renderer.ts';

describe('isSoftwareRenderer', () => {
  it.each([
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'Microsoft Basic Render Driver',
    'Google SwiftShader',
  ])('%s is drawn by the CPU', (name) => expect(isSoftwareRenderer(name)).toBe(true));

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Apple M2',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
    'WebKit WebGL',
    '',
  ])('%s is not', (name) => expect(isSoftwareRenderer(name)).toBe(false));
});
