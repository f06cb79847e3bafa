import { readTrustProxy } from './trust-proxy';

describe('readTrustProxy', () => {
  const read = (raw: string | undefined) => {
    const problems: string[] = [];
    return { value: readTrustProxy(raw, problems), problems };
  };

  it('should be off when unset, empty, false or 0', () => {
    for (const raw of [undefined, '', 'false', '0']) expect(read(raw)).toEqual({ value: false, problems: [] });
  });

  it('should read a hop count and a list of addresses and CIDRs', () => {
    expect(read('2').value).toBe(2);
    expect(read('10.0.0.0/8, 192.168.1.7 ,::1,fd00::/8').value).toEqual(['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8']);
  });

  it.each(['true', 'yes', '11', '10.0.0.0/33', 'nginx', '1.2.3.4/8/8', '-1'])('should refuse %p with a problem naming TRUST_PROXY', (raw) => {
    const { value, problems } = read(raw);
    expect(value).toBe(false);
    expect(problems).toEqual([expect.stringContaining('TRUST_PROXY')]);
  });
});
