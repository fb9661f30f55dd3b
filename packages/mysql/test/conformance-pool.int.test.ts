import { describeCheckoutLimits, describeResetOnReturn } from '@pool/testkit';
import { mysqlTarget } from './mysql-target.js';

describeCheckoutLimits(mysqlTarget);
describeResetOnReturn(mysqlTarget);
