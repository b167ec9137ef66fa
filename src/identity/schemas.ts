/** Request and response schemas of the identity commands (register, sign in, sessions, profile). */
import { Type } from 'typebox'
import { MAX_DISPLAY_NAME_LENGTH, MAX_FAVOURITE_GENRES } from '../domain/user/decide.ts'
import { ROLES } from '../domain/user/user.ts'
import { PositionToken, StringEnum, Uuid } from '../http/schemas.ts'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts'
import { EMAIL_MAX_LENGTH, USERNAME_INPUT_MAX_LENGTH } from './usernames.ts'

export const RoleName = StringEnum(ROLES, { description: 'What the account may do' })

export const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not a common password`,
})

/** Any password a user may type to sign in (policy applies only to new ones). */
export const GivenPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH })

export const DisplayName = Type.Union([
  Type.String({
    maxLength: MAX_DISPLAY_NAME_LENGTH,
    // No control or format characters (bidi overrides, zero-width joiners): they spoof names.
    pattern: '^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*$',
    description: 'Shown instead of the username; empty or null clears it',
  }),
  Type.Null(),
])

export const Genre = Type.String({ pattern: '^[a-z0-9][a-z0-9 -]{0,39}$', description: 'A genre slug' })

export const RegisterBody = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: USERNAME_INPUT_MAX_LENGTH,
      description:
        '3 to 32 letters a-z and digits with single . _ or - between them, compared after NFKC and case folding',
    }),
    email: Type.String({ format: 'email', maxLength: EMAIL_MAX_LENGTH }),
    password: NewPassword,
    displayName: Type.Optional(DisplayName),
  },
  {
    title: 'Registration',
    description: 'A new account.',
    additionalProperties: false,
    examples: [
      { username: 'ada', email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada L.' },
    ],
  },
)

export const Registered = Type.Object(
  { userId: Uuid, username: Type.String(), position: PositionToken },
  {
    title: 'Registered',
    description: 'The new account: its id, its username as stored, and the position of its registration.',
    examples: [
      {
        userId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
        username: 'ada',
        position: '000000000000031a0000000000000042',
      },
    ],
  },
)

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: EMAIL_MAX_LENGTH, description: 'Username or email' }),
    password: GivenPassword,
  },
  {
    title: 'Credentials',
    description: 'A username or email and its password.',
    additionalProperties: false,
    examples: [{ login: 'ada', password: 'correct horse battery' }],
  },
)

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 100 }) },
  {
    title: 'RefreshTokenInput',
    description: 'A refresh token to spend (refresh) or revoke (logout).',
    additionalProperties: false,
    examples: [{ refreshToken: 'nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ' }],
  },
)

export const TokenPair = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT for the Authorization: Bearer header' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'Seconds the access token stays valid' }),
    refreshToken: Type.String({ description: 'Opaque; exchange it once at /auth/refresh' }),
    refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
    userId: Uuid,
    role: RoleName,
    position: Type.Union([PositionToken, Type.Null()], {
      description: "Position of the user's latest event: send it as X-Consistency-Token to GET /me",
    }),
  },
  {
    title: 'TokenPair',
    description: 'A new access token and refresh token.',
    examples: [
      {
        accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: 'nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ',
        refreshTokenExpiresAt: '2026-12-24T10:00:00.000Z',
        userId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
        role: 'user',
        position: '000000000000031a0000000000000042',
      },
    ],
  },
)

export const ProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    favouriteGenres: Type.Optional(
      Type.Array(Genre, {
        maxItems: MAX_FAVOURITE_GENRES,
        description: 'Seeds recommendations before the user has rated anything',
      }),
    ),
    ratingsPublic: Type.Optional(
      Type.Boolean({ description: 'Show my ratings and reviews on my public profile (GET /users/{id})' }),
    ),
  },
  {
    title: 'ProfileChanges',
    description: 'The profile fields to change (at least one).',
    additionalProperties: false,
    minProperties: 1,
    examples: [{ displayName: 'Ada L.', favouriteGenres: ['drama', 'science-fiction'], ratingsPublic: true }],
  },
)

export const PasswordChangeBody = Type.Object(
  { currentPassword: GivenPassword, newPassword: NewPassword },
  {
    title: 'PasswordChange',
    description: 'The current password and the new one.',
    additionalProperties: false,
    examples: [{ currentPassword: 'correct horse battery', newPassword: 'staple battery horse correct' }],
  },
)

export const PasswordConfirmation = Type.Object(
  { password: GivenPassword },
  {
    title: 'PasswordConfirmation',
    description: 'The password, to confirm who asks.',
    additionalProperties: false,
    examples: [{ password: 'correct horse battery' }],
  },
)

export const RoleBody = Type.Object(
  { role: RoleName },
  {
    title: 'RoleChange',
    description: 'The role to give.',
    additionalProperties: false,
    examples: [{ role: 'analyst' }],
  },
)

export { CommandAccepted } from '../write/command-schemas.ts'
