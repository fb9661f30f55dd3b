import {
  describeBoundedConnect, describeConnectStorms, describeQueryTimeouts, describeSharedAbortSignal, describeSuspectAfterDisconnect,
} from '@pool/testkit';
import { mysqlTarget } from './mysql-target.js';

// Fault rows 3–7, on private servers behind the fault proxy.
describeQueryTimeouts(mysqlTarget);
describeBoundedConnect(mysqlTarget);
describeSuspectAfterDisconnect(mysqlTarget);
describeConnectStorms(mysqlTarget);
describeSharedAbortSignal(mysqlTarget);
