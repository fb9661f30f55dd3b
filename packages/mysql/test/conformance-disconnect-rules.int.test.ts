import { describeClientTimeouts, describeFalseDisconnects } from '@pool/testkit';
import { mysqlTarget } from './mysql-target.js';

// Fault rows 1 and 2, on private servers behind the fault proxy.
describeFalseDisconnects(mysqlTarget);
describeClientTimeouts(mysqlTarget);
