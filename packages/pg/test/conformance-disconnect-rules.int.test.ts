import { describeClientTimeouts, describeFalseDisconnects } from '@pool/testkit';
import { pgTarget } from './pg-target.js';

// Fault rows 1 and 2, on private servers behind the fault proxy.
describeFalseDisconnects(pgTarget);
describeClientTimeouts(pgTarget);
