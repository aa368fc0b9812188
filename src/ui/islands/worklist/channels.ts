/** The channels a step can be sent through, in the order the forms list them. */
import type { Channel } from '../../../core/index.ts';

export const CHANNELS: readonly Channel[] = ['email', 'email_phone', 'letter', 'registered_letter', 'court', 'phone'];
