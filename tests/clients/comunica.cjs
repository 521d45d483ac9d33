// Runs one query with Comunica (@comunica/query-sparql) and prints the result as JSON.
// Usage: node comunica.cjs QUERY SOURCE... ; a SOURCE is "sparql@URL" (a SPARQL endpoint),
// "turtle@PATH" (a Turtle file, read here and handed over as a serialized source) or a bare
// URL (Comunica detects what it is).
// Found through NODE_PATH, which the test sets to where .ci/run installed the package.
const { readFileSync } = require("node:fs");
const { QueryEngine } = require("@comunica/query-sparql");

function source(arg) {
  const at = arg.indexOf("@");
  const kind = at > 0 ? arg.slice(0, at) : "";
  const value = at > 0 ? arg.slice(at + 1) : arg;
  if (kind === "turtle") {
    return { type: "serialized", value: readFileSync(value, "utf8"), mediaType: "text/turtle" };
  }
  return kind ? { type: kind, value } : value;
}

function term(t) {
  const out = { type: t.termType, value: t.value };
  if (t.termType === "Literal") {
    out.datatype = t.datatype.value;
    if (t.language) out.language = t.language;
  }
  return out;
}

async function main() {
  const [query, ...sources] = process.argv.slice(2);
  const engine = new QueryEngine();
  const context = { sources: sources.map(source), lenient: false };
  const result = await engine.query(query, context);
  if (result.resultType === "boolean") {
    return { boolean: await result.execute() };
  }
  const stream = await result.execute();
  const items = [];
  for await (const item of stream) items.push(item);
  if (result.resultType === "quads") {
    return {
      quads: items.map((q) => [term(q.subject), term(q.predicate), term(q.object), term(q.graph)]),
    };
  }
  return {
    bindings: items.map((b) => Object.fromEntries([...b].map(([v, t]) => [v.value, term(t)]))),
  };
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (err) => {
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    process.exit(1);
  },
);
