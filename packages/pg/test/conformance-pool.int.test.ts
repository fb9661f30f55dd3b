import { describeCheckoutLimits, describeResetOnReturn } from '@pool/testkit';
import { pgTarget } from './pg-target.js';

describeCheckoutLimits(pgTarget);
describeResetOnReturn(pgTarget);
