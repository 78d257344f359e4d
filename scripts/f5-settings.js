// Writes the user settings of the F5 window (.vscode/launch.json): the extension pointed at the simulator that
// the launch starts on port 4010.
'use strict';

const fs = require('fs');
const path = require('path');

const file = path.resolve(__dirname, '..', '.vscode-test', 'f5-user', 'User', 'settings.json');
const sim = 'http://127.0.0.1:4010';
const settings = {
  'light.environment': 'custom',
  'light.apiUrl': sim,
  'light.oauth.clientId': 'light-vscode-dev',
  'light.oauth.relayUrl': `${sim}/relay`,
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
};
fs.mkdirSync(path.dirname(file), { recursive: true });
const before = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
fs.writeFileSync(file, JSON.stringify({ ...before, ...settings }, null, 2) + '\n');
console.log(`F5 window settings: ${path.relative(process.cwd(), file)} (Light simulator at ${sim})`);
