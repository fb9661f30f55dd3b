import {
  describeBoundedConnect, describeConnectStorms, describeQueryTimeouts, describeSharedAbortSignal, describeSuspectAfterDisconnect,
} from '@pool/testkit';
import { pgTarget } from './pg-target.js';

// Fault rows 3–7, on private servers behind the fault proxy.
describeQueryTimeouts(pgTarget);
describeBoundedConnect(pgTarget);
describeSuspectAfterDisconnect(pgTarget);
describeConnectStorms(pgTarget);
describeSharedAbortSignal(pgTarget);
