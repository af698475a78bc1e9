// Parses a CircleCI config with CircleCI's own parser library; exits 1 with the reason when it is not valid.
const fs = require('fs');
const parser = require('@circleci/circleci-config-parser');
try {
  const config = parser.parseConfig(fs.readFileSync(process.argv[2], 'utf8'));
  console.log(JSON.stringify({ jobs: config.jobs.map(j => j.name), workflows: config.workflows.map(w => w.name) }));
} catch (error) {
  console.error(String(error && error.message || error));
  process.exit(1);
}
