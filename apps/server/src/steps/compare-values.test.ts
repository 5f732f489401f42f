import { describe, expect, it } from 'vitest';
import { describeDifference } from './compare-values.js';

describe('describeDifference', () => {
  it('when one character differs, then it names its position and both tails', () => {
    expect(describeDifference('URL', 'https://a-api.x/token', 'https://a-apl.x/token')).toMatch(/position 13 on: expected "i\.x\/token", found "l\.x\/token"/);
  });
  it('when the value is cut short or has extra characters, then it says so', () => {
    expect(describeDifference('URL', 'https://a', 'https://')).toMatch(/cut short at position 9/);
    expect(describeDifference('URL', 'https://a', 'https://a/')).toMatch(/extra characters from position 10 on \("\/"\)/);
  });
});
