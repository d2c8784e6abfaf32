// Reads a CI file of docs/ci/ with the `yaml` package and prints, as one shell script, the
// commands it runs: a GitHub Actions workflow's `run` steps (but the one named "Install
// ..."), or each GitLab CI job's `script`. Refuses a file that lacks what docs/ci.md
// promises: the artifacts published, SARIF uploaded to code scanning (GitHub, with the
// permission it needs and even when the render failed), a Code Quality report (GitLab).
// usage: node ci-scripts.mjs github|gitlab FILE    exit 0 printed, 1 refused, 2 usage
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [kind, file] = process.argv.slice(2);
if (!['github', 'gitlab'].includes(kind) || !file) {
  console.error('usage: node ci-scripts.mjs github|gitlab FILE');
  process.exit(2);
}
const doc = parse(readFileSync(file, 'utf8'));
const problems = [];
const need = (ok, what) => ok || problems.push(what);
const lines = [];

if (kind === 'github') {
  need(doc.on && doc.jobs, 'a workflow needs `on` and `jobs`');
  need(doc.permissions?.['security-events'] === 'write', 'upload-sarif needs security-events: write');
  const steps = Object.values(doc.jobs ?? {}).flatMap((job) => job.steps ?? []);
  for (const step of steps) {
    need(('uses' in step) !== ('run' in step), `a step has both or neither of uses and run: ${JSON.stringify(step)}`);
    if (step.run && !/^Install/.test(step.name ?? '')) lines.push(`# step: ${step.name}`, step.run.trimEnd());
  }
  const sarif = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  need(sarif?.if === 'always()', 'an upload-sarif step that runs always()');
  need(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')), 'an upload-artifact step');
} else {
  const jobs = Object.entries(doc).filter(([name, job]) => !name.startsWith('.') && job?.script);
  need(jobs.length > 0, 'a job with a script');
  for (const [name, job] of jobs) {
    need(job.artifacts?.reports?.codequality, `${name}: a codequality report`);
    need(job.artifacts?.paths?.length > 0, `${name}: artifacts to publish`);
    lines.push(`# job: ${name}`, ...job.script);
  }
}
if (problems.length) {
  for (const p of problems) console.log(`${file}: error: ${p}`);
  process.exit(1);
}
console.log(lines.join('\n'));
