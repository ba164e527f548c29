import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';

const me = { email: 'jane.smith@test.nhs.uk', name: 'Jane Smith-Okafor' };

describe('checkPasswordPolicy', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(checkPasswordPolicy('harbour lantern quietly 42 marmalade', me)).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(3) + 'Vq9!trellis-Ombre', me)).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(5) + 'b'.repeat(PASSWORD_MAX_LENGTH - 5), {})).toBeNull();
  });

  it('needs at least 12 characters, counting characters not bytes', () => {
    expect(checkPasswordPolicy('Tr0ub4dor&3', me)).toBe(`Password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(checkPasswordPolicy('', me)).toMatch(/at least 12/);
    expect(checkPasswordPolicy('ééééééééééé', me)).toMatch(/at least 12/); // 11 characters, 22 bytes
    expect(checkPasswordPolicy('éèêëēėęîïíīį', me)).toBeNull();
  });

  it('allows at most 1024 characters', () => {
    expect(checkPasswordPolicy('q7'.repeat(513), me)).toBe(`Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);
  });

  it('rejects the commonest passwords whatever their case, including NHS-flavoured ones and keyboard walks', () => {
    for (const common of [
      'Nhs123456789!',
      'password1234',
      'Password123456',
      'qwertyuiop123',
      '1q2w3e4r5t6y7u8i',
      'Summer2026!!',
      'September2026!',
      '2026!Liverpool!!',
      'Liverpool1234',
      'letmein12345',
      '123456789012',
      'aaaaaaaaaaaa',
      'correct horse battery staple',
      'iloveyou1234',
    ]) {
      const result = checkPasswordPolicy(common, {});
      expect(result, common).not.toBeNull();
    }
    expect(checkPasswordPolicy('Nhs123456789!', {})).toMatch(/too common/);
    expect(checkPasswordPolicy('QWERTYUIOPASDF', {})).toMatch(/too common/);
    // A common word inside a longer phrase is fine.
    expect(checkPasswordPolicy('liverpool harbour lantern', {})).toBeNull();
  });

  it('rejects passwords containing the email name or a part of the person’s name', () => {
    expect(checkPasswordPolicy('jane.smith-rocks-2026', me)).toBe('Password must not contain your name or email address');
    expect(checkPasswordPolicy('JaneSmith!ForeverAndEver', me)).toMatch(/name or email/);
    expect(checkPasswordPolicy('my okafor family tree', me)).toMatch(/name or email/);
    expect(checkPasswordPolicy('the smith of harbour lane', { email: 'jane.smith@test.nhs.uk' })).toMatch(/name or email/);
    // Short name parts (under 3 letters) are not held against anyone.
    expect(checkPasswordPolicy('harbour lantern quietly', { name: 'Al Bo' })).toBeNull();
  });
});
