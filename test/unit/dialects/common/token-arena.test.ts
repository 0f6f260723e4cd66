import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, TokenArena, MYSQL_TOKENIZER, POSTGRES_TOKENIZER, type Token } from '../../../../converters/dialects/common/index.js';

const plain = (t: Token): object => ({ ...t });

const TEXTS = [
  'CREATE TABLE t_1 (id INT UNSIGNED NOT NULL AUTO_INCREMENT, `n` varchar(20) DEFAULT \'x\', PRIMARY KEY (id))',
  'create table t_1 (id int unsigned not null auto_increment, Mixed_Case DECIMAL(12,2) default 1.5e3)',
  'select Ärger, ärger, çA, ÇA, 1st_col, 1é, 0x1F, x\'41\', _utf8mb4\'a\', n\'b\', @v, @@sql_mode, ? from dual where a <=> b || c -> d',
  `select ${'very_long_identifier_'.repeat(5)}, ${'very_long_identifier_'.repeat(5)} from t`,
];

test('tokens made with a TokenArena equal fresh ones, statement after statement, in both case spellings', () => {
  for (const config of [MYSQL_TOKENIZER, POSTGRES_TOKENIZER]) {
    const arena = new TokenArena();
    for (const text of [...TEXTS, ...TEXTS.reverse()]) {
      const fresh = tokenize(text, config, { offset: 5, line: 2, column: 3 });
      const reused = tokenize(text, config, { offset: 5, line: 2, column: 3 }, arena);
      assert.equal(reused.tokens.length, fresh.tokens.length, text);
      assert.deepEqual(reused.tokens.map(plain), fresh.tokens.map(plain), text);
      assert.deepEqual(reused.errors, fresh.errors);
    }
  }
});

test('a TokenArena reuses its token list and objects, shortening the list for a shorter statement', () => {
  const arena = new TokenArena();
  const long = tokenize('CREATE TABLE a (b INT, c INT, d INT)', MYSQL_TOKENIZER, undefined, arena);
  const first = long.tokens[0];
  assert.equal(long.tokens.length, 14);
  const short = tokenize('DROP TABLE x', MYSQL_TOKENIZER, undefined, arena);
  assert.equal(short.tokens, long.tokens);
  assert.equal(short.tokens.length, 4);
  assert.equal(short.tokens[0], first);
  assert.deepEqual(short.tokens.map((t) => t.upper), ['DROP', 'TABLE', 'X', '']);
  assert.equal(short.tokens[3]!.type, 'eof');
});

test('interned words keep their spelling and upper-case form; equal spellings share one string', () => {
  const arena = new TokenArena();
  const text = 'abc ABC abc aBc';
  const words: string[] = [];
  const uppers: string[] = [];
  for (const [from, to] of [[0, 3], [4, 7], [8, 11], [12, 15]] as const) {
    let h = 0;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    words.push(arena.intern(text, from, to, h));
    uppers.push(arena.upper);
  }
  assert.deepEqual(words, ['abc', 'ABC', 'abc', 'aBc']);
  assert.deepEqual(uppers, ['ABC', 'ABC', 'ABC', 'ABC']);
  // Non-ASCII first character: upper-cased; later non-ASCII after upper-case ASCII only: kept, as the tokenizer does.
  const t2 = tokenize('éa ÇA Aé', MYSQL_TOKENIZER, undefined, arena).tokens;
  assert.deepEqual(t2.slice(0, 3).map((t) => [t.value, t.upper]), [['éa', 'ÉA'], ['ÇA', 'ÇA'], ['Aé', 'Aé']]);
});

test('a TokenArena grows past its first table and still finds every spelling', () => {
  const arena = new TokenArena();
  const names = Array.from({ length: 5000 }, (_, i) => `name_${i}`);
  const text = names.join(' ');
  const first = tokenize(text, MYSQL_TOKENIZER, undefined, arena).tokens.slice(0, -1).map((t) => [t.value, t.upper]);
  const second = tokenize(text, MYSQL_TOKENIZER, undefined, arena).tokens.slice(0, -1).map((t) => [t.value, t.upper]);
  assert.deepEqual(first, names.map((n) => [n, n.toUpperCase()]));
  assert.deepEqual(second, first);
});
