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

test('tokenizing text[from, to) in place gives exactly the tokens, errors and hints of the slice, at every cut', async () => {
  const { locate, POSTGRES_TOKENIZER: PG, mysqlDialect } = await import('../../../../converters/dialects/common/index.js');
  const samples = [
    "a /*! 1 */ b /*!x */ /*+ hint */ c--x\r\nd -- y\r\n'q''s' \"d\\\"q\" `b``t` x'4A' 0x1F 0b01 1e5 1.5e-3 1..2 @a.b @'v' @@g ? :n $1 <=> -> ->> !=",
    "select 1e+ 2e- @a. x' b' /*+ never closed",
    "q'[x]' nq'{y}' $tag$body$tag$ $$ E'a\\x41\\101' U&'d\\0061' U&\"x\" 'unterminated\r",
    'line1\rline2\r\nline3\n\u00e9t\u00e9 # hash\n/* c\r */ ##t #t [br]]x] "a""b"',
  ];
  const configs = [MYSQL_TOKENIZER, PG, mysqlDialect({ ansiQuotes: true, mariadb: true, serverVersion: 101106 }).tokenizer,
    { ...PG, qQuotes: true, hashInIdents: true, bracketIdents: true, hashIdentStart: true }];
  for (const config of configs) {
    for (const text of samples) {
      for (let from = 0; from <= text.length; from++) {
        const start = locate(text, from);
        for (let to = from; to <= text.length; to++) {
          const slice = tokenize(text.slice(from, to), config, start);
          const inPlace = tokenize(text, config, start, undefined, to);
          assert.deepEqual(inPlace.tokens.map(plain), slice.tokens.map(plain), `${JSON.stringify(text.slice(from, to))}`);
          assert.deepEqual(inPlace.errors, slice.errors);
          assert.deepEqual(inPlace.hints.map(plain), slice.hints.map(plain));
        }
      }
    }
  }
});
