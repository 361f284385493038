#!/usr/bin/env node
// Checks that every relative link and anchor in README.md and docs/**/*.md resolves, and that no link leaves the
// repository. Run by `npm run docs:check` and by test/docs/links.test.ts, so a page moved or a heading renamed
// without fixing its links fails CI. Usage: node scripts/check-doc-links.mjs [root] (default: the repository).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));

/** README.md plus every Markdown file under docs/. */
function markdownFiles() {
  const files = [];
  if (existsSync(path.join(root, 'README.md'))) files.push(path.join(root, 'README.md'));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) files.push(full);
    }
  };
  if (existsSync(path.join(root, 'docs'))) walk(path.join(root, 'docs'));
  return files;
}

/** The text outside fenced code blocks, line by line (links inside code are examples, not links). */
function proseLines(text) {
  const lines = text.split('\n');
  let fence = null;
  return lines.map((line) => {
    const opener = /^\s*(```+|~~~+)/.exec(line);
    if (fence) {
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length) fence = null;
      return '';
    }
    if (opener) {
      fence = opener[1];
      return '';
    }
    return line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
  });
}

/** GitHub's heading ids: lower case, punctuation and symbols (`§`, `.`, `/`...) dropped, spaces to hyphens. */
function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map();
/** Every anchor a Markdown file offers: its headings (duplicates get -1, -2...) and explicit `id`/`name` tags. */
function anchorsOf(file) {
  const cached = anchorCache.get(file);
  if (cached) return cached;
  const anchors = new Set();
  const seen = new Map();
  const text = readFileSync(file, 'utf8');
  let fence = null;
  for (const line of text.split('\n')) {
    const opener = /^\s*(```+|~~~+)/.exec(line);
    if (fence) {
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length) fence = null;
      continue;
    }
    if (opener) {
      fence = opener[1];
      continue;
    }
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const tag of line.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g)) anchors.add(tag[1]);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Link targets on one line: inline `[text](target "title")` and reference definitions `[label]: target`. */
function targetsOn(line) {
  const targets = [];
  for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  const definition = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
  if (definition) targets.push(definition[1]);
  return targets;
}

const problems = [];
const files = markdownFiles();
let checked = 0;
for (const file of files) {
  const where = path.relative(root, file);
  proseLines(readFileSync(file, 'utf8')).forEach((line, index) => {
    for (const target of targetsOn(line)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:: not ours
      checked += 1;
      const at = `${where}:${index + 1}`;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), pathPart);
      const inside = path.relative(root, resolved);
      if (inside.startsWith('..') || path.isAbsolute(inside)) {
        problems.push(`${at}: ${target} points outside the repository`);
        continue;
      }
      if (!existsSync(resolved)) {
        problems.push(`${at}: ${target}: no such file ${inside}`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (!statSync(resolved).isFile() || !resolved.endsWith('.md')) {
        problems.push(`${at}: ${target}: an anchor into a file that is not Markdown`);
        continue;
      }
      if (!anchorsOf(resolved).has(anchor)) problems.push(`${at}: ${target}: no heading #${anchor} in ${inside}`);
    }
  });
}

if (problems.length > 0) {
  process.stderr.write(`${problems.length} broken documentation link(s):\n${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${checked} relative links in ${files.length} Markdown files resolve\n`);
