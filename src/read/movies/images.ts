/**
 * Image URLs from a stored TMDb path: base URL + size + path, the base URL and the sizes TMDb
 * offers taken from its /configuration as the import saw it (stored with the movie). Each image is
 * offered in three sizes: `small` (lists, thumbnails), `medium` (detail pages) and `original`. The
 * wanted widths are below; when TMDb does not offer one, the nearest offered width is used, and
 * `original` when it offers no width at all. @see ../../../docs/api.md "Images"
 */
import { Type } from 'typebox'
import type { ImageConfig } from '../../domain/movie/media.ts'

export const IMAGE_SIZES = {
  poster: { small: 'w185', medium: 'w500' },
  backdrop: { small: 'w300', medium: 'w1280' },
  profile: { small: 'w45', medium: 'w185' },
} as const
export type ImageKind = keyof typeof IMAGE_SIZES

export const ImageUrls = Type.Union(
  [
    Type.Object(
      {
        small: Type.String({ format: 'uri' }),
        medium: Type.String({ format: 'uri' }),
        original: Type.String({ format: 'uri' }),
      },
      {
        title: 'ImageUrls',
        description: 'One image in three sizes (docs/api.md "Images").',
        examples: [
          {
            small: 'https://image.tmdb.org/t/p/w185/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
            medium: 'https://image.tmdb.org/t/p/w500/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
            original: 'https://image.tmdb.org/t/p/original/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
          },
        ],
      },
    ),
    Type.Null(),
  ],
  { description: 'Null when the source has no image.' },
)

const widthOf = (size: string) => (/^w(\d+)$/.exec(size) ? Number(size.slice(1)) : null)

/** The offered size nearest to `wanted` (a width), else 'original'. */
function nearest(wanted: string, offered: readonly string[]): string {
  if (offered.includes(wanted)) return wanted
  const target = widthOf(wanted) ?? 0
  let best: string | null = null
  for (const size of offered) {
    const width = widthOf(size)
    if (width === null) continue
    if (best === null || Math.abs(width - target) < Math.abs((widthOf(best) ?? 0) - target)) best = size
  }
  return best ?? 'original'
}

export function imageUrls(
  kind: ImageKind,
  path: string | null,
  config: ImageConfig | null,
): { small: string; medium: string; original: string } | null {
  if (path === null || config === null) return null
  const offered =
    kind === 'poster' ? config.posterSizes : kind === 'backdrop' ? config.backdropSizes : config.profileSizes
  const url = (size: string) => `${config.baseUrl}${size}${path}`
  return {
    small: url(nearest(IMAGE_SIZES[kind].small, offered)),
    medium: url(nearest(IMAGE_SIZES[kind].medium, offered)),
    original: url('original'),
  }
}
