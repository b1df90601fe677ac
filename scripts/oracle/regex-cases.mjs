// Inputs for gen-regex.mjs: [subject, pattern] pairs, [subject, pattern, replacement] for ${sg},
// and patterns that must fail to compile. Keep them free of '\x1f' (the output separator).
export const MATCH_CASES = [
  // literals, anchors, dot
  ['abc', 'b'], ['abc', 'x'], ['abc', '^abc$'], ['abc\n', '^abc$'], ['abc\n\n', '^abc$'], ['abc\n', 'abc\\z'],
  ['abc\n', 'abc\\Z'], ['abc\n', '\\Aabc\\Z'], ['xabc', '\\Aabc'], ['a\nb', 'a.b'], ['a\nb', '(?s)a.b'], ['a\rb', 'a.b'],
  ['a\nb\n', '(?m)^b$'], ['a\nb\nc', '(?m)^(b)$'], ['a\n', '(?m)^$'], ['\n', '(?m)^$'], ['a\nb', '^b'], ['a\nb', 'a$'],
  ['ab\ncd', '(?m)(\\w+)$'], ['ab\ncd\n', '(\\w+)$'],
  // classes and escapes
  ['abc123', '(\\d+)'], ['ab_c-1', '(\\w+)'], ['a \t\x0bb', 'a(\\s+)b'], ['a\xa0b', 'a\\sb'], ['a\xa0b', 'a\\hb'],
  ['a \tb', 'a(\\h+)b'], ['a\r\nb', 'a\\Rb'], ['a\nb', 'a\\Rb'], ['a\r\nb', 'a(\\R)b'], ['a\x0bb', 'a\\vb'],
  ['aXb', 'a\\Nb'], ['a\nb', 'a\\Nb'], ['a\x1bb', 'a\\eb'], ['a\x07b', 'a\\ab'], ['a\x0cb', 'a\\fb'],
  ['a\x01b', 'a\\cAb'], ['a\x01b', 'a\\cab'], ['A', '\\x41'], ['A', '\\x{41}'], ['A', '\\101'], ['\x08', '\\010'],
  ['\x07', '\\07'], ['A', '\\o{101}'], ['a.b', 'a\\.b'], ['axb', 'a\\.b'], ['a*b', '\\Qa*b\\E'],
  ['a*b', '\\Qa*b'], ['a+b', 'a\\Q+\\Eb'], ['xyz', '[[:alpha:]]+'], ['x1y', '[[:digit:]]'], ['a b', '[[:space:]]'],
  ['aB1', '([[:upper:]])'], ['aB1', '([[:^lower:]]+)'], ['a_b', '[[:word:]]+'], ['a,b', '([[:punct:]])'],
  ['ab12', '([[:xdigit:]]+)'], ['abc', '[^b]+'], ['a]b', '[]a]+'], ['a]b', '[^]a]'], ['a-b', '[a\\-]+'],
  ['a-b', '([-a]+)'], ['a-b', '([a-]+)'], ['a1b', '[\\d]'], ['ab1', '([\\D]+)'], ['a\\b', '[\\\\]'],
  ['ab', '[\\w-]+'], ['x-y', '(\\w[.-]\\w)'], ['ABC', '[a-z]+'], ['abc', '[^\\W\\d]+'], ['^', '[\\^]'],
  ['a\x08b', 'a[\\b]b'], ['ab', 'a\\bb'], ['a b', 'a\\b b'], ['ab', 'a\\Bb'],
  // quantifiers
  ['aaa', '(a+)'], ['aaa', '(a+?)'], ['aaa', '(a*?)a'], ['aaa', '(a{2})'], ['aaaa', '(a{2,3})'], ['aaaa', '(a{2,})'],
  ['aaa', '(a{,2})'], ['a{,2}', 'a{,2}'], ['a{', 'a{'], ['a{x}', 'a{x}'], ['a{1', 'a{1'], ['aaa', '(a{1,2}?)'],
  ['aaab', '(a*+)b'], ['aaa', '(a*+)a'], ['aaa', '(a++)'], ['aab', '(a?+)ab'], ['ab', '(a?+)b'],
  ['xaaay', 'x(?>a+)y'], ['aaa', '(?>a+)a'], ['foobar', '(?>foo|foob)ar'], ['foobar', '(?:foo|foob)ar'],
  ['abcabc', '(?>(a)(b))c'], ['aaab', '(?>(a+))b'], ['ab', '(a)?+b'], ['aabb', '(a|b)++'],
  // groups, alternation, backreferences
  ['abab', '(ab)\\1'], ['abab', '(?<x>ab)\\k<x>'], ['abab', "(?'x'ab)\\k'x'"], ['abab', '(?P<x>ab)(?P=x)'],
  ['abab', '(ab)\\g1'], ['abab', '(ab)\\g{1}'], ['abab', '(ab)\\g{-1}'], ['abab', '(?<x>ab)\\g{x}'], ['abab', '(?<x>ab)\\k{x}'],
  ['ac', '(a)(b)?c'], ['ac', '(a)|(c)'], ['c', '(a)|(c)'], ['abc', '(?:a)(b)(c)'], ['abc', '(?|(a)|(b))'],
  ['xy', '(?#comment)xy'], ['cat dog', '(cat|dog) (cat|dog)'], ['aB', '(?i)ab'], ['aB', 'a(?i)b'], ['AB', 'a(?i)b'],
  ['aB', '(?i:a)b'], ['Ab', '(?i:a)b'], ['AB', '(?i:a)B'], ['xAB', '(a(?i)b|c)'], ['C', '(a(?i)b|c)'], ['aB', '(?i)a(?-i)b'],
  ['AB', '(?i)a(?-i:b)'], ['Ab', '(?i)a(?-i:b)'], ['ABC', '(?i)[a-c]+'], ['ABC', '(?i)[^a]+'], ['xX', '(?i)(x)\\1'],
  ['ab', '(?x) a  b # comment'], ['a b', '(?x)a\\ b'], ['a b', '(?x)a[ ]b'], ['ab', '(?x: a b )'], ['a#b', '(?x)a[#]b'],
  ['abc', '(?n)(a)(?<n>b)'], ['aaa', '(?U)(a+)'], ['aaa', '(?U)(a+?)'], ['ab', '(?^)ab'], ['AB', '(?i)(?^)ab'],
  ['ab', '(?=a)(\\w+)'], ['ab', 'a(?!b)'], ['ac', 'a(?!b)'], ['xab', '(?<=x)ab'], ['yab', '(?<!x)(ab)'], ['ab', '(?<=a|bc)b'],
  ['bcd', '(?<=a|bc)d'], ['abc', '(?<=(a))b'], ['ab', '(*FAIL)|ab'], ['ab', '(?!)|b'],
  // typical Exim configuration patterns
  ['user@example.com', '^([^@]+)@(.+)$'], ['postmaster', '^(?i)postmaster$'], ['Subject: hello', '^Subject:\\s*(.*)'],
  ['192.168.1.10', '^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)$'], ['foo+bar@x', '^([^+@]+)\\+([^@]*)@'],
  ['mail.example.com', '\\.example\\.com$'], ['example.com', '^(.*\\.)?example\\.com$'], ['a.example.com', '^(.*\\.)?example\\.com$'],
  ['abc.def', '^[a-z]+\\.[a-z]{3}$'], ['x-spam-score: 5.2', '(?i)^x-spam-score:\\s+(\\d+(?:\\.\\d+)?)'],
  ['<a@b>', '^<(.*)>$'], ['1234567890', '^\\d{10}$'], ['abc', '^$'], ['', '^$'], ['', 'a*'], ['', '(a)?'],
  ['aaaaaaaaaaaa', '^(a|aa)+$'], ['foo.bar', '^(?:[^.]+\\.)+(\\w+)$'], ['xyz', '(x)(y)(z)(q)?'],
  ['abcdefghijk', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)'], ['abcdefghijj', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10'],
  ['ab', '(a)|b'], ['ba', '(?:(a)|b)+'], ['ab', '(?:(a)|b)+'], ['aaa', '(a)*'], ['abab', '(?:(a)(b))+'],
  ['AbC', '(?i)^abc$'], ['\xe4', '\\xe4'], ['a\xa0b', 'a\\sb'], ['\xc9', '(?i)\xe9'], ['x\x7fy', 'x\\x7fy'], ['ab', 'a\\Eb'], ['a.b', '[.]'], ['$', '\\$'], ['a$b', 'a\\$b'],
  ['aaa', 'a{0}'], ['ba', 'b(?:a|)'], ['abab', '(?:ab){2}'], ['a', '(?i)[[:upper:]]'], ['A', '[[:lower:]]'],
  ['AbC', '(?i)[[:lower:]]+'],
  // UTF-8 text is bytes to PCRE in Exim (strings here are byte strings: one char per byte)
  ['\xc3\xa9', '^.$'], ['\xc3\xa9', '^..$'], ['x\xc3\xa9y', 'x(.+)y'], ['x\xc3\xa9y', '(\xc3\xa9)'], ['caf\xc3\xa9', '\xa9$'],
];

export const SG_CASES = [
  ['abcabc', 'b', 'X'], ['abc', 'x*', '-'], ['abc', '', '-'], ['aaa', 'a*?', '<$0>'], ['abc', '(|a)', '<$0>'],
  ['a\nb\n', '(?m)^', '>'], ['a\nb\n', '$', '!'], ['a\nb\n', '(?m)$', '!'], ['hello world', '(\\w+)', '[$1]'],
  ['a.b.c', '\\.', '\\\\'], ['foo@bar', '^([^@]+)@(.+)$', '$2 at $1'], ['aaa', 'a', 'bb'], ['x  y   z', '\\s+', ' '],
  ['abc', '(?=b)', '^'], ['abc', '\\b', '|'], ['a1b22c333', '\\d+', '#'], ['AbAb', '(?i)a', 'x'], ['abc', '.', '$0$0'],
];

export const ERROR_PATTERNS = [
  '(', ')', 'a)', '[a', '*a', 'a**', 'a{2,1}', '\\', 'a\\', '(?<n>a)(?<n>b)', '(?P<n', '[z-a]', '(?z)', '\\k<x>',
  '(?<=a+)b', '[[:foo:]]', '\\2(a)', '(a)\\2', 'x{99999999}', '(?', '(?#abc', '\\c', '\\p{Foo}', '\\x{110000}', '\\x{100}',
  '(?R', 'a(*FOO)', '\\N{U+41}', '\\o{', '\\g', '[\\d-z]', '(?<=a(?:b|cd))x', '+', '?', '{1}x', 'a|*', '(*)', '(+)',
  '[b-a]', '\\y', '\\i', '(?<1a>x)', '(?<>x)', '[[:alpha:]', '[[.a.]]', '[[=a=]]', 'a(?<=b*)', '\\xg{', '\\x{zz}',
  '\\k', '\\k<', '(?P=x)', '(?P>x)', '(?&x)', '(?1)', '(?R)', '(?(1)a|b)', '(a)(?(1)a|b)', '(?C1)', 'a(*SKIP)b',
  '(?<=x|yz)', '((a)', '(a))', '[\\', '\\Q', '(?i', '(?-', '(?x', '\\8', '(?<=\\d+)', '(?<!ab|c+)', 'x{2}{3}',
  '(?>a', '(?=a', 'a{65536}', '\\N{x}', '[\\N]', '[\\R]', '[\\B]', '\\K', '\\X', '\\C', '(*UCP)\\w',
];
