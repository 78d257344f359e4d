// Command line: npm run simulator -- [--port 4010] [--host 127.0.0.1] [--auto-approve | --deny]
//   [--token-ttl SECONDS] [--code-ttl SECONDS] [--rate-limit N] [--control] [--seed VALUE]

import { startSimulator } from './index';
import type { SimulatorOptions } from './types';

const USAGE = `Usage: npm run simulator -- [options]
  --port N            port to listen on (default 4010; 0 = any free port)
  --host ADDRESS      loopback address to bind (default 127.0.0.1)
  --auto-approve      approve sign-ins without showing the consent page
  --deny              deny sign-ins without showing the consent page
  --token-ttl N       access token lifetime in seconds (default 3600)
  --code-ttl N        authorization code lifetime in seconds (default 60)
  --rate-limit N      API requests per minute per token or API key (default 300)
  --control           expose the control API at /__control
  --seed VALUE        seed of the generated data
  --help              show this text`;

function parseArgs(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = { port: 4010 };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) {
      throw new Error(`${flag} needs a non-negative integer`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port': options.port = number(flag, argv[++i]); break;
      case '--host': options.host = argv[++i]; break;
      case '--auto-approve': options.autoApprove = true; break;
      case '--deny': options.autoApprove = 'deny'; break;
      case '--token-ttl': options.accessTokenTtlSeconds = number(flag, argv[++i]); break;
      case '--code-ttl': options.codeTtlSeconds = number(flag, argv[++i]); break;
      case '--rate-limit': options.rateLimitPerMinute = number(flag, argv[++i]); break;
      case '--control': options.controlEndpoint = true; break;
      case '--seed': options.seed = argv[++i]; break;
      case '--help': case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option '${flag}'`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  const consent = options.autoApprove === true ? 'auto-approve' : options.autoApprove === 'deny' ? 'auto-deny' : 'consent page';
  console.log(`Light simulator listening on ${sim.url}  (sign-in: ${consent}${options.controlEndpoint ? `, control: ${sim.url}/__control` : ''})`);
  for (const c of sim.companies) {
    console.log(`\n${c.name} [${c.environment}]`);
    console.log(`  client_id      ${c.clientId}`);
    console.log(`  client_secret  ${c.clientSecret}`);
    console.log(`  API key        ${c.apiKey}   (Authorization: Basic ${c.apiKey})`);
    console.log(`  MCP token      ${c.mcpToken}   (Authorization: Bearer ${c.mcpToken})`);
    console.log(`  users          ${c.userEmails.slice(0, 3).join(', ')}${c.users.length > 3 ? `, ... (${c.users.length})` : ''}`);
  }
  console.log(`\nAuthorize: ${sim.url}/oauth/authorize   Token: ${sim.url}/oauth/token   Relay: ${sim.url}/relay   MCP: ${sim.url}/rest/ext/mcp`);
  console.log('Press Ctrl-C to stop.');
  const shutdown = () => {
    sim.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
