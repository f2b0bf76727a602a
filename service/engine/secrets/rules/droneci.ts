// Drone CI personal tokens and server / runner shared secrets.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const token = randomToken('droneci', BASE62, 32);
const rpcSecret = randomToken('droneci-rpc', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-DRONECI-TOKEN', title: 'Drone CI token or RPC secret',
      description: 'A Drone CI personal token (32 characters) or a server secret such as DRONE_RPC_SECRET: the token calls the Drone API as the user (builds, secrets, repository settings); the RPC secret lets any runner join the server and receive pipelines with their secrets.',
      remediation: 'Rotate the credential: a personal token by rotating it in Drone (User settings > Token, or `drone user token --rotate` / the API), DRONE_RPC_SECRET by setting a new value on the server and every runner.',
      helpUri: 'https://docs.drone.io/cli/setup/',
      keywords: ['drone'], keyPattern: 'drone[\\w.-]{0,20}(?:token|secret|key)', value: '[A-Za-z0-9]{32}', minEntropy: 3.3,
      sample: token, keys: ['DRONE_TOKEN', 'DRONE_RPC_SECRET', 'droneciToken'],
      extraFlag: [
        `docker run -d -e DRONE_RPC_HOST=drone.contoso.com -e DRONE_RPC_SECRET=${rpcSecret} drone/drone-runner-docker:1\n`,
        `environment:\n  DRONE_RPC_SECRET: ${rpcSecret}\n`,
      ],
      extraNotFlag: ['DRONE_SERVER=https://drone.contoso.com\n', `DRONE_TOKEN=${token.slice(0, 28)}\n`, 'DRONE_RPC_SECRET: ${DRONE_RPC_SECRET}\n'],
    }),
    references: [{ type: 'gitleaks', id: 'droneci-access-token' }],
  },
];
