import { describe, expect, it } from 'vitest';
import { rewardAmountText, rewardDisclosureText, rewardOf } from '../../src/links/reward-text.ts';

describe('reward texts', () => {
  it('reads a reward in the user language, whatever the order of calls (formatters are reused)', () => {
    expect(rewardDisclosureText(rewardOf('cpa', 9800), 'en')).toBe('Reward for the operator: ¥9,800 per sale');
    expect(rewardDisclosureText(rewardOf('cpc', 30), 'ja')).toBe('運営者への報酬: 1クリック30円');
    expect(rewardAmountText(rewardOf('cpi', 500, 'USD'), 'en')).toBe('$500.00 per install');
    expect(rewardAmountText(rewardOf('cpa', 9800), 'en')).toBe('¥9,800 per sale');
    expect(rewardAmountText(rewardOf('cpa', 1200, 'EUR'), 'ja')).toBe('1件€1,200.00');
  });

  it('shows a currency that is no ISO code as written, and reads an unknown type as per sale', () => {
    expect(rewardAmountText(rewardOf('revshare', 5, 'POINTS'), 'en')).toBe('5 POINTS per sale');
  });
});
