import { z } from 'zod';

const email = (message: string) =>
  z
    .string({ message })
    .trim()
    .toLowerCase()
    .max(254, { message: 'Email address must be 254 characters or fewer' })
    .pipe(z.email({ message }));

export const signupInput = z.object({
  name: z.string({ message: 'Enter your full name' }).trim().min(2, { message: 'Enter your full name' }).max(120, { message: 'Name must be 120 characters or fewer' }),
  email: email('Enter your work email address, like name@nhs.net'),
  odsCode: z
    .string({ message: 'Choose your organisation' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3,10}$/, { message: 'Choose your organisation (an ODS code like RR8)' }),
  jobRole: z.string({ message: 'Enter your job role' }).trim().min(2, { message: 'Enter your job role' }).max(120, { message: 'Job role must be 120 characters or fewer' }),
  sponsorEmail: email('Enter your sponsor’s work email address'),
  password: z.string({ message: 'Enter a password' }).min(1, { message: 'Enter a password' }),
});

export type SignupInput = z.infer<typeof signupInput>;

/** One answer for every accepted request, whoever the sponsor is and whether the email is known: no enumeration. */
export const SIGNUP_RECEIVED_MESSAGE =
  'Thank you. We have asked your sponsor to confirm they know you. A moderator will then review your request, and we will email you when it has been decided.';
