import { describeConformance } from '@pool/testkit';
import { sqliteTarget } from './sqlite-target.js';

// The groups that apply to an embedded database run: checkout limits and reset on return.
// Backend sessions, killed sessions, connect failures over TCP, wrong passwords and server
// restarts need a server, and the target has none of those capabilities.
describeConformance(sqliteTarget);
