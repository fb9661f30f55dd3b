import { describeConnectFailures, describeServerRestart } from '@pool/testkit';
import { pgTarget } from './pg-target.js';

describeConnectFailures(pgTarget);
describeServerRestart(pgTarget);
