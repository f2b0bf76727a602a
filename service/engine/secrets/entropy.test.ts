import { shannonEntropy } from './entropy';

describe('shannonEntropy', () => {
  it('is 0 for empty and constant strings', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
  });

  it('is log2(n) for n equally frequent symbols', () => {
    expect(shannonEntropy('ab')).toBeCloseTo(1);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('ranks random tokens above words and repeated patterns', () => {
    const random = 'q7Vt2LmX9pZr4KwN8sYb3HcD';
    expect(shannonEntropy(random)).toBeGreaterThan(4);
    expect(shannonEntropy('passwordpassword')).toBeLessThan(3);
    expect(shannonEntropy(random)).toBeGreaterThan(shannonEntropy('configuration_value'));
  });
});
