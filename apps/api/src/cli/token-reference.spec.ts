import { resolveTokenReference } from './token-reference';

describe('resolveTokenReference', () => {
  const tokens = { idOf: async (value: string) => (value === '9a1b2c3d' || value === '7f1c2d3e-0000-4000-8000-000000000001' ? '7f1c2d3e-0000-4000-8000-000000000001' : null) };

  it('should give the id of the token a short id or an id names', async () => {
    await expect(resolveTokenReference(tokens, '9a1b2c3d', '--token')).resolves.toBe('7f1c2d3e-0000-4000-8000-000000000001');
    await expect(resolveTokenReference(tokens, '7f1c2d3e-0000-4000-8000-000000000001', '--token')).resolves.toBe('7f1c2d3e-0000-4000-8000-000000000001');
  });

  it('should name the option and the value when no token has it', async () => {
    await expect(resolveTokenReference(tokens, 'nope', '--token')).rejects.toThrow('--token must be a token id or short id (`token list` prints both): no token has "nope"');
    await expect(resolveTokenReference(tokens, '00000000', 'TOKEN')).rejects.toThrow(/^TOKEN must be a token id or short id/);
  });
});
