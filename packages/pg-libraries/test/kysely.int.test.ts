import * as kysely from 'kysely';
import { describeKysely } from './kysely-cases.js';

describeKysely(kysely, 'kysely');
