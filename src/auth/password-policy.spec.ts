import { checkPassword } from './password-policy';

describe('password policy (NCSC)', () => {
  it.each([
    ['short', false],
    ['password1234', false],
    ['PASSWORD1234', false],
    ['aaaaaaaaaaaaaa', false],
    ['orchard-kettle-violet', true],
    ['lowercaseonlywordsarefine', true],
  ])('%s -> ok=%s', (password, ok) => {
    expect(checkPassword(password).ok).toBe(ok);
  });

  it('forces no complexity: no digits, symbols or capitals needed', () => {
    expect(checkPassword('correct pony staple').problems).toEqual([]);
  });

  it('refuses a password that contains the username', () => {
    expect(checkPassword('jsmith-garden-hose', { username: 'jsmith' }).problems).toContain('Do not include your username');
  });
});
