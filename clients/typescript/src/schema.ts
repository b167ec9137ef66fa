/**
 * Generated from the Nexus OpenAPI document (clients/openapi.json) by openapi-typescript: do not edit.
 * Regenerate with `npm run generate:client`; CI fails when this file and the document disagree.
 */

export interface paths {
    "/api/v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where everything is
         * @description Links to the API, Swagger UI, the OpenAPI document and the Postman collection.
         *
         *     **Access:** public.
         */
        get: operations["getApiIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent import jobs
         * @description The newest import jobs first, with status, counts and error.
         *
         *     **Access:** role: admin.
         */
        get: operations["listImportJobs"];
        put?: never;
        /**
         * Import movies from TMDb
         * @description Asks for an import (ImportRequested on job-<id>) and answers 202 with the job id at once; the tmdb_import reactor fetches from TMDb and appends MovieImported for each new movie (idempotent by TMDb id: a movie imported before is skipped), then ImportCompleted with counts or ImportFailed with the error. Follow it at `Location` (GET /api/v1/admin/imports/:id). 503 TMDB_NOT_CONFIGURED when neither TMDB_READ_TOKEN nor TMDB_API_KEY is set.
         *
         *     **Access:** role: admin.
         */
        post: operations["requestImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One import job
         * @description Status (requested, running, completed, failed), counts and error of an import, from the imports read model. Send the X-Consistency-Token the POST answered to see the job the moment it exists.
         *
         *     **Access:** role: admin.
         */
        get: operations["getImportJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/projections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Projection status
         * @description Every projection with its active generation and any generation being rebuilt: state, checkpoint, lag behind the head of the log (events and seconds), the process that runs it and, for a projection stopped on a poison event, that event and the error. The same as `npm run projections -- status --json`.
         *
         *     **Access:** role: admin.
         */
        get: operations["getProjectionStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/projections/{name}/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild a projection
         * @description Starts a blue-green rebuild, as `npm run projections -- rebuild <name>` does: a new generation fills from the start of the log while the active one keeps serving, then takes over. A rebuild interrupted earlier (or stopped on a poison event that was skipped since) resumes from its checkpoint. Answers 202 at once; GET /api/v1/admin/projections shows the building generation's checkpoint and lag until it is active. One rebuild per projection at a time.
         *
         *     **Access:** role: admin.
         */
        post: operations["rebuildProjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/projections/{name}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip a poison event
         * @description Moves a projection stopped on a poison event to `position` (the poison event's, from GET /api/v1/admin/projections), as `npm run projections -- skip <name> <position>` does: the active generation resumes after it; a rebuild stopped on it continues with the next rebuild. The skipped event is never applied to that generation: a deliberate, logged loss.
         *
         *     **Access:** role: admin.
         */
        post: operations["skipPoisonEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recommender": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recommender status
         * @description The serving model and the report of the selection that chose it: per candidate its tuned settings, NDCG@10, recall@10 and coverage on validation and test, train time, peak memory, chosen or why not; whether popularity serves as cold start. The same as `npm run recommender -- status`.
         *
         *     **Access:** role: admin.
         */
        get: operations["getRecommenderStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/streams/{stream}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A stream's event history
         * @description Every event of one stream (a movie, a user, a comment, an interaction, a job) in revision order, read from the event store itself: what happened to it, when, by whom. Personal data of erased users is null and nothing secret is included. At most 1000 events per answer: pass `from` for the next ones.
         *
         *     **Access:** role: admin.
         */
        get: operations["getStreamHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Users newest first in keyset pages, optionally of one role. No total: counting every account on each page would cost as much as reading them all.
         *
         *     **Access:** role: admin.
         */
        get: operations["listUserAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Look up a user
         * @description Any user by id, erased ones included (their personal fields are null).
         *
         *     **Access:** role: admin.
         */
        get: operations["getUserAccount"];
        put?: never;
        post?: never;
        /**
         * Erase a user
         * @description Erases the account as DELETE /me does (for erasure requests that reach support). Erasing an erased user repeats the clean-up and changes nothing else.
         *
         *     **Access:** role: admin.
         */
        delete: operations["eraseUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a user's role
         * @description Sets the role (user, analyst, admin). Setting the current role changes nothing. The user's access tokens issued before the change stop working, so the next refresh carries the new role. An admin cannot demote themselves. Appends UserRoleChanged.
         *
         *     **Access:** role: admin.
         */
        post: operations["changeUserRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Exchanges a username or email and password for a short-lived access token and a refresh token. A wrong password and an unknown account get the same 401 in about the same time. After 5 failures on one account within 900 s it answers 429 with Retry-After.
         *
         *     **Access:** public.
         */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Ends the refresh token's session: its refresh tokens and its access tokens stop working. Answers 204 for any token, known or not.
         *
         *     **Access:** public.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the refresh token
         * @description Spends the refresh token and answers a new access token and a new refresh token. A refresh token that was already spent ends its whole session (someone else has a copy): 401 REFRESH_TOKEN_REUSED, and the session must sign in again.
         *
         *     **Access:** public.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description Registers a user with the `user` role. Username and email are unique (after normalisation); the password is stored as an argon2id hash, never in events. Then sign in with /auth/login.
         *
         *     **Access:** public.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a comment
         * @description Appends CommentDeleted. The author deletes their own comment; a moderator or an admin deletes any comment but must give a `reason` for someone else's (422 REASON_REQUIRED). Anyone else gets 403. Threads keep a deleted comment as a tombstone without its text. Deleting twice changes nothing.
         *
         *     **Access:** authenticated.
         */
        delete: operations["deleteComment"];
        options?: never;
        head?: never;
        /**
         * Edit my comment
         * @description Appends CommentEdited with the previous text. Only the author edits (403 NOT_COMMENT_AUTHOR); a deleted comment cannot be edited (422 COMMENT_DELETED), nor one a moderator hid (422 COMMENT_HIDDEN). The same text changes nothing.
         *
         *     **Access:** authenticated.
         */
        patch: operations["editComment"];
        trace?: never;
    };
    "/api/v1/comments/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Like a comment
         * @description Appends CommentLiked; liking twice changes nothing. A deleted comment answers 422 COMMENT_DELETED, a hidden one 422 COMMENT_HIDDEN.
         *
         *     **Access:** authenticated.
         */
        put: operations["likeComment"];
        post?: never;
        /**
         * Take back my like of a comment
         * @description Appends CommentUnliked; nothing when there was no like. Allowed on deleted comments.
         *
         *     **Access:** authenticated.
         */
        delete: operations["unlikeComment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a comment to the moderators
         * @description Appends CommentReported with the reason; the comment enters the moderation queue. A user reports a comment once (reporting again changes nothing), never their own (422 CANNOT_REPORT_OWN), never a deleted one (422 COMMENT_DELETED).
         *
         *     **Access:** authenticated.
         */
        post: operations["reportComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream the event log
         * @description The global log in position order, one JSON event per line (`application/x-ndjson`), streamed
         *     as it is read. Each event has `position, id, type, stream, revision, createdAt, data, metadata`; the personal
         *     data of erased users is null and nothing secret is ever included.
         *
         *     **Cursor.** Headers leave before the events, so the cursor comes last: the final line is
         *     `{"next": <position> | null, "more": <boolean>}`. Pass `next` as `after` to continue; it is the position of
         *     the last event sent (or your `after` when none matched; null when neither). `more` is true when the limit was
         *     reached, so further events may follow at once. A response without that line was cut short: retry from the last
         *     position you received.
         *
         *     **Filters.** `types` and `streamPrefix` are applied by the event store; `since` and `until` (on the time an event
         *     was stored) are applied while reading, so a window far from `after` reads the events before it too: page with
         *     `after` once you have a position.
         *
         *     **Access:** role: analyst or admin.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/genres": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Genres in the catalogue
         * @description Every genre an admin created (POST /genres) or a listed movie has, by name, with its listed movie count. Renamed and merged genres appear under their new name only.
         *
         *     **Access:** public.
         */
        get: operations["listGenres"];
        put?: never;
        /**
         * Create a genre
         * @description Appends GenreCreated on `genre-catalogue`: the genre is listed by GET /genres before any movie has it. A name whose slug another genre has (created, or on listed movies) answers 409 GENRE_EXISTS.
         *
         *     **Access:** role: admin.
         */
        post: operations["createGenre"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/genres/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a genre no listed movie has
         * @description Appends GenreRemoved. A genre listed movies still have is refused with 409 GENRE_IN_USE (merge it into another genre, or change those movies, first): removing never changes a movie behind its back.
         *
         *     **Access:** role: admin.
         */
        delete: operations["removeGenre"];
        options?: never;
        head?: never;
        /**
         * Rename a genre
         * @description Appends GenreRenamed: the slug follows the new name, and every movie with the genre has the new name (the movies projection maps the old one, also in later events naming it). The current name changes nothing. A name another genre has answers 409 GENRE_EXISTS: merge into it instead.
         *
         *     **Access:** role: admin.
         */
        patch: operations["renameGenre"];
        trace?: never;
    };
    "/api/v1/genres/{slug}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge genres into this one
         * @description Appends GenresMerged: every movie with a source genre has this one instead (once), the sources leave GET /genres, and their names mean this genre from now on.
         *
         *     **Access:** role: admin.
         */
        post: operations["mergeGenres"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My account
         * @description The signed-in user as the users read model has them. Right after registering or updating, send the command's position as X-Consistency-Token to see the change.
         *
         *     **Access:** authenticated.
         */
        get: operations["getMyAccount"];
        put?: never;
        post?: never;
        /**
         * Erase my account
         * @description Needs the password. Deletes the key that seals my personal data, so my username, email and display name become unreadable in events, exports and read models; my ratings keep counting anonymously. Every session ends and the account can never sign in again.
         *
         *     **Access:** authenticated.
         */
        delete: operations["eraseMyAccount"];
        options?: never;
        head?: never;
        /**
         * Update my profile
         * @description Changes the display name, the favourite genres (which seed recommendations before any rating) and whether my ratings show on my public profile. An absent field keeps its value. Appends UserProfileUpdated (the display name sealed with the user's key) and ProfileVisibilityChanged.
         *
         *     **Access:** authenticated.
         */
        patch: operations["updateMyProfile"];
        trace?: never;
    };
    "/api/v1/me/favorites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My favourites
         * @description The signed-in user's favourite movies, most recently favourited first, in keyset pages.
         *
         *     **Access:** authenticated.
         */
        get: operations["listMyFavorites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My watch history
         * @description Every viewing the signed-in user recorded, newest first, in keyset pages.
         *
         *     **Access:** authenticated.
         */
        get: operations["listMyViewings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password
         * @description Needs the current password. Every other session of the user ends (their refresh and access tokens stop working); this one goes on. Appends PasswordChanged, which carries no hash.
         *
         *     **Access:** authenticated.
         */
        post: operations["changeMyPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My ratings
         * @description The signed-in user's ratings, newest first, in keyset pages. With X-Consistency-Token it waits (about a second at most) until the ratings include that write; X-Consistency says whether they do.
         *
         *     **Access:** authenticated.
         */
        get: operations["listMyRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My recommendations
         * @description Top movies for the user, leaving out what they rated, watched, favourited, liked or dismissed and removed movies; optionally in one genre (slug or name). Each item has a score and a reason. With no interactions the list is trending titles in their favourite genres (or overall); the personal model takes over smoothly as interactions grow (personalShare = n / (n + 3)). Cached per user until their next interaction or profile change (X-Cache: hit | miss).
         *
         *     **Access:** authenticated.
         */
        get: operations["listMyRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/recommendations/{movieId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not interested in a recommended movie
         * @description Appends MovieDismissed to interaction-<user>-<movie>: the movie leaves your recommendations. Dismissing twice changes nothing (`changed: false`). An unknown movie answers 404.
         *
         *     **Access:** authenticated.
         */
        post: operations["dismissRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/watchlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My watchlist
         * @description The movies the signed-in user wants to watch, most recently added first, in keyset pages. A movie leaves it when taken off (DELETE /movies/:id/watchlist), watched to at least 90% or rated.
         *
         *     **Access:** authenticated.
         */
        get: operations["listMyWatchlist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/comments/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hide a comment
         * @description Appends CommentHidden with the moderator and the reason: threads show the comment as hidden, without its text, and it cannot be edited or liked until restored. Hiding a hidden comment changes nothing; a deleted one answers 422 COMMENT_DELETED.
         *
         *     **Access:** role: moderator or admin.
         */
        post: operations["hideComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/comments/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A comment’s history
         * @description Every event of the comment’s stream, oldest first, read from the log (never lags): added, edited, reported, hidden, restored, marked as a spoiler, deleted, with who did it and why. Texts are left out.
         *
         *     **Access:** role: moderator or admin.
         */
        get: operations["getCommentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/comments/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a hidden comment
         * @description Appends CommentRestored with the moderator and the reason; restoring a visible comment changes nothing.
         *
         *     **Access:** role: moderator or admin.
         */
        post: operations["restoreComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/comments/{id}/spoiler": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a comment as a spoiler, or take the mark away
         * @description Appends CommentSpoilerMarked with the moderator and the reason; threads carry `spoiler` so clients can blur the text. The same mark again changes nothing.
         *
         *     **Access:** role: moderator or admin.
         */
        post: operations["markCommentSpoiler"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The moderation queue
         * @description Reported and moderated comments of one `status` (default `open`: reports waiting for a decision; `hidden`, `resolved`, `deleted`), most recent activity first, in keyset pages: pass `nextCursor` back as `cursor` with the same status. Each item has its counts, its latest reports with their reasons, the last decision, and the comment’s text (hidden or not).
         *
         *     **Access:** role: moderator or admin.
         */
        get: operations["listModerationQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/users/{id}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a suspension
         * @description Appends UserReinstated with the moderator and the reason; the user writes again at once. Reinstating a user who is not suspended changes nothing.
         *
         *     **Access:** role: moderator or admin.
         */
        post: operations["reinstateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moderation/users/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a user
         * @description Appends UserSuspended with the moderator and the reason. The user still reads, but every command they send answers 403 USER_SUSPENDED (erasing their account and changing their password excepted). Their sessions end: refresh tokens are revoked and access tokens issued before now are refused. A moderator suspends users and analysts; only an admin suspends a moderator or an admin (403 CANNOT_MODERATE_STAFF); nobody suspends themselves (422 CANNOT_SUSPEND_SELF). Suspending a suspended user changes nothing but ends their sessions again.
         *
         *     **Access:** role: moderator or admin.
         */
        post: operations["suspendUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browse and search the catalogue
         * @description Filters (genre, tags: every one given, year range, minimum average rating, a person in cast or crew, full-text `q` with prefix matching, accents folded and typos corrected) and sorts (popularity, rating, release, title, newest, relevance) over listed movies, in keyset pages: pass `nextCursor` back as `cursor` with the same filters and sort. Pages never repeat or skip a movie whose sort key did not change meanwhile. With a bearer token (optional) each item carries `me`, the viewer's own rating, favourite and like.
         *
         *     **Access:** public.
         */
        get: operations["listMovies"];
        put?: never;
        /**
         * Add a movie
         * @description Adds a movie to the catalogue (MovieAdded on movie-<id>). With an Idempotency-Key the id is derived from the key, so a retry answers the same movie instead of adding a second one.
         *
         *     **Access:** role: admin.
         */
        post: operations["addMovie"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One movie with its aggregates
         * @description Average rating, rating count and histogram, favourites, likes, comments and watches; runtime, original language, tagline, poster and backdrop URLs, top-billed cast, directors and writers (from imports). With a bearer token (optional) `me` holds the viewer's own rating, favourite, like and watchlist mark. Removed movies answer 404.
         *
         *     **Access:** public.
         */
        get: operations["getMovie"];
        put?: never;
        post?: never;
        /**
         * Remove a movie
         * @description Soft removal (MovieRemoved): the movie leaves lists, search and trending; its ratings and other interactions are kept, and no new ones are accepted. Removing twice changes nothing.
         *
         *     **Access:** role: admin.
         */
        delete: operations["removeMovie"];
        options?: never;
        head?: never;
        /**
         * Change a movie
         * @description Changes the given fields (MovieDetailsUpdated, with the previous values). Sending the current values changes nothing. A removed movie cannot be changed (422 MOVIE_REMOVED).
         *
         *     **Access:** role: admin.
         */
        patch: operations["changeMovie"];
        trace?: never;
    };
    "/api/v1/movies/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A movie's comment threads
         * @description Top-level comments (`sort`: `newest` first, or most `liked`) with their replies, oldest first, in keyset pages: pass `nextCursor` back as `cursor` with the same sort. Each comment names its author (null once they erased their account: show "deleted user"); with a bearer token (optional) `likedByMe` says whether the viewer likes it. A deleted comment stays in its thread as a tombstone (`deleted: true`, `text: null`); one a moderator hid stays in place as `hidden: true` with `text: null`, and `spoiler` says a moderator marked it as a spoiler. A removed or unknown movie answers 404.
         *
         *     **Access:** public.
         */
        get: operations["listMovieComments"];
        put?: never;
        /**
         * Comment on a movie or reply to a comment
         * @description Appends CommentAdded on a new comment-<id> stream. `parentId` makes it a reply: the parent must be a top-level comment of the same movie that is not deleted (422 PARENT_NOT_FOUND, PARENT_DELETED, REPLY_TO_REPLY). Text holds 1 to 2000 characters after trimming (422 COMMENT_LENGTH). A removed movie answers 422 MOVIE_REMOVED. With an Idempotency-Key the id is derived from the key, so a retry answers the same comment. Each user adds at most COMMENT_RATE_LIMIT_MAX comments per COMMENT_RATE_LIMIT_WINDOW_SECONDS (default 10 a minute): more answer 429 RATE_LIMITED with Retry-After. A suspended user gets 403 USER_SUSPENDED.
         *
         *     **Access:** authenticated.
         */
        post: operations["addComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/curated-tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Give a movie a curated tag
         * @description Appends MovieTagged on the movie stream (admin). Tagging twice changes nothing. A removed movie answers 422 MOVIE_REMOVED: its tags stay as they were.
         *
         *     **Access:** role: admin.
         */
        put: operations["addCuratedTag"];
        post?: never;
        /**
         * Take a curated tag off a movie
         * @description Appends MovieUntagged (admin); nothing when the movie has no such curated tag. A removed movie answers 422 MOVIE_REMOVED: its tags stay as they were.
         *
         *     **Access:** role: admin.
         */
        delete: operations["removeCuratedTag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/favorite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark a movie as my favourite
         * @description Appends MovieFavorited. Doing it twice changes nothing (`changed: false`). A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.
         *
         *     **Access:** authenticated.
         */
        put: operations["favoriteMovie"];
        post?: never;
        /**
         * Take back my favourite of a movie
         * @description Appends MovieUnfavorited; nothing when there was none. Allowed on removed movies.
         *
         *     **Access:** authenticated.
         */
        delete: operations["unfavoriteMovie"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Like a movie
         * @description Appends MovieLiked. Doing it twice changes nothing (`changed: false`). A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.
         *
         *     **Access:** authenticated.
         */
        put: operations["likeMovie"];
        post?: never;
        /**
         * Take back my like of a movie
         * @description Appends MovieUnliked; nothing when there was none. Allowed on removed movies.
         *
         *     **Access:** authenticated.
         */
        delete: operations["unlikeMovie"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rate a movie
         * @description Gives the signed-in user's rating of the movie, replacing an earlier one. Repeating the same rating changes nothing. Appends RatingGiven to interaction-<user>-<movie>. A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.
         *
         *     **Access:** authenticated.
         */
        put: operations["rateMovie"];
        post?: never;
        /**
         * Remove my rating of a movie
         * @description Removes the signed-in user's rating. Removing a rating that does not exist changes nothing.
         *
         *     **Access:** authenticated.
         */
        delete: operations["removeMovieRating"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Similar movies
         * @description The serving model's nearest movies to this one (people who liked it also liked them), listed ones only, each with a reason; before any model knows the movie, the movies sharing the most of its tags, then popular movies of its genres. An unknown or removed movie answers 404.
         *
         *     **Access:** public.
         */
        get: operations["listSimilarMovies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put my own tag on a movie
         * @description Appends MovieTaggedByUser on the caller's interaction stream. Tagging twice changes nothing (`changed: false`). A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED. My tags count in the movie's tags and are dropped when I am erased.
         *
         *     **Access:** authenticated.
         */
        put: operations["tagMovie"];
        post?: never;
        /**
         * Take my own tag off a movie
         * @description Appends MovieUntaggedByUser; nothing when I had no such tag. Allowed on removed movies.
         *
         *     **Access:** authenticated.
         */
        delete: operations["untagMovie"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/watches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that I watched a movie
         * @description Appends MovieWatched: every call is a viewing of its own, so send an Idempotency-Key to make retries safe. A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.
         *
         *     **Access:** authenticated.
         */
        post: operations["recordViewing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}/watchlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put a movie on my watchlist
         * @description Appends MovieWatchlisted. Doing it twice changes nothing (`changed: false`). A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED. Watching at least 90% of the movie (POST /movies/:id/watches) or rating it also takes it off the watchlist; it can be put back on after.
         *
         *     **Access:** authenticated.
         */
        put: operations["watchlistMovie"];
        post?: never;
        /**
         * Take a movie off my watchlist
         * @description Appends MovieUnwatchlisted; nothing when there was none. Allowed on removed movies.
         *
         *     **Access:** authenticated.
         */
        delete: operations["unwatchlistMovie"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trending movies
         * @description Movies ranked by weighted interactions (watch 1, like 2, favourite 3, a rating of 4-5 stars 3, a comment or reply 2) in the last 24 hours (`day`), 168 hours (`week`) or ever (`all`), optionally in one genre. Answers are cached until the next projected interaction or the next hour. With a bearer token (optional) each item carries `me`, the viewer's own rating, favourite and like.
         *
         *     **Access:** public.
         */
        get: operations["listTrendingMovies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person and their filmography
         * @description People come from imported credits: the top-billed cast (10 per movie), directors and writers. The id is the TMDb person id, or `name-<slug>` for a person from a source without ids. The filmography lists listed movies, newest first, at most 200; `GET /movies?person=<id>` pages through the same movies with every filter and sort.
         *
         *     **Access:** public.
         */
        get: operations["getPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggestions as you type
         * @description Movies whose title words begin with what was typed (a typo in a word of 4 letters or more corrected), most popular first, then up to 3 people whose name words begin with it (most credited first), then up to 3 genres, then up to 3 tags beginning with it (most used first). Each item has a `kind` (`movie`, `person`, `genre`, `tag`; more kinds may come: skip the ones you do not know) and a `label` to show. Text without letters or digits suggests nothing.
         *
         *     **Access:** public.
         */
        get: operations["suggest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Popular tags, or tags starting with a prefix
         * @description Curated and user tags on listed movies, most used first. `prefix` (normalised like a tag) keeps those starting with it, for as-you-type completion. Filter movies by tag with `GET /movies?tag=`.
         *
         *     **Access:** public.
         */
        get: operations["listTags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's public profile
         * @description The name a user shows, how many comments they wrote and, if they made them public (`ratingsPublic` on PATCH /me), how many ratings they gave and the 20 newest. Never the email, the role or anything else. An unknown or erased user answers 404.
         *
         *     **Access:** public.
         */
        get: operations["getPublicProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's recommendations
         * @description For analysts and admins: what any user is recommended. Top movies for the user, leaving out what they rated, watched, favourited, liked or dismissed and removed movies; optionally in one genre (slug or name). Each item has a score and a reason. With no interactions the list is trending titles in their favourite genres (or overall); the personal model takes over smoothly as interactions grow (personalShare = n / (n + 3)). Cached per user until their next interaction or profile change (X-Cache: hit | miss).
         *
         *     **Access:** role: analyst or admin.
         */
        get: operations["listUserRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Account
         * @description An account as its owner (or an admin) sees it.
         * @example {
         *       "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
         *       "username": "ada",
         *       "email": "ada@example.com",
         *       "displayName": "Ada L.",
         *       "favouriteGenres": [
         *         "drama",
         *         "science-fiction"
         *       ],
         *       "ratingsPublic": true,
         *       "role": "user",
         *       "registeredAt": "2026-11-24T10:00:00.000Z",
         *       "updatedAt": "2026-11-24T10:05:00.000Z",
         *       "erasedAt": null
         *     }
         */
        Account: {
            displayName: string | null;
            email: string | null;
            erasedAt: string | null;
            favouriteGenres: string[];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @description Whether the ratings show on the public profile */
            ratingsPublic: boolean;
            /** Format: date-time */
            registeredAt: string;
            /**
             * @description What the account may do
             * @enum {string}
             */
            role: "user" | "analyst" | "moderator" | "admin";
            /** Format: date-time */
            updatedAt: string;
            username: string | null;
        };
        /**
         * AccountPage
         * @description A page of accounts.
         */
        AccountPage: {
            items: components["schemas"]["Account"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * ApiIndex
         * @description Where the API and its documentation are.
         */
        ApiIndex: {
            /** @description Paths on this server */
            links: {
                /** @description The API root (this index) */
                api: string;
                /** @description Swagger UI */
                docs: string;
                /** @description Readiness of the server and its dependencies */
                health: string;
                /** @description The OpenAPI 3.1 document (JSON) */
                openapi: string;
                /** @description A Postman collection of every operation */
                postmanCollection: string;
                /** @description A Postman environment for this server */
                postmanEnvironment: string;
            };
            name: string;
            /** @description Version of the OpenAPI document */
            version: string;
        };
        /**
         * CastCredit
         * @description A top-billed cast member of a movie.
         */
        CastCredit: {
            character: string | null;
            /** @description Billing order, 0 first */
            order: number;
            person: components["schemas"]["PersonRef"];
        };
        /**
         * CommandAccepted
         * @description The command was decided: what changed and where in the log.
         */
        CommandAccepted: {
            /** @description False when the command repeated the current state (nothing appended) */
            changed: boolean;
            /** @description The position of its last event (the latest of the stream when nothing changed); null when the stream holds nothing. Send it as X-Consistency-Token to read the change back. */
            position: string | null;
        };
        /**
         * Comment
         * @description A comment or a reply.
         * @example {
         *       "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
         *       "author": {
         *         "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
         *         "displayName": "Ada L.",
         *         "erased": false
         *       },
         *       "text": "The last shot stayed with me.",
         *       "deleted": false,
         *       "hidden": false,
         *       "spoiler": false,
         *       "addedAt": "2026-11-24T10:00:00.000Z",
         *       "editedAt": null,
         *       "likes": 3,
         *       "likedByMe": true
         *     }
         */
        Comment: {
            /** Format: date-time */
            addedAt: string;
            author: components["schemas"]["CommentAuthor"];
            deleted: boolean;
            editedAt: string | null;
            /** @description Hidden by a moderator: shown in place, without its text */
            hidden: boolean;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @description Whether the signed-in viewer likes it; null without a bearer token */
            likedByMe: boolean | null;
            likes: number;
            /** @description A moderator marked it as a spoiler: blur it until the reader asks */
            spoiler: boolean;
            /** @description Null for a deleted comment (a tombstone) and for one a moderator hid */
            text: string | null;
        };
        /**
         * CommentAuthor
         * @description Who wrote a comment, as everyone sees them.
         */
        CommentAuthor: {
            /** @description The name the author chose, else their username; null once the author erased their account (show "deleted user") */
            displayName: string | null;
            /** @description The author erased their account */
            erased: boolean;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
        };
        /**
         * CommentChange
         * @description The new text of a comment.
         */
        CommentChange: {
            /** @description 1 to 2000 characters after trimming */
            text: string;
        };
        /**
         * CommentCreated
         * @description The new comment and the position of its CommentAdded.
         */
        CommentCreated: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
        };
        /**
         * CommentHistory
         * @description Every event of a comment, oldest first: who did what and why.
         */
        CommentHistory: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            commentId: string;
            events: components["schemas"]["CommentHistoryEntry"][];
        };
        /**
         * CommentHistoryEntry
         * @description One event of a comment’s stream, without its text.
         */
        CommentHistoryEntry: {
            /** @description Who sent the command */
            actorId: string | null;
            /** Format: date-time */
            at: string;
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
            /** @description Why, for reports and decisions */
            reason: string | null;
            spoiler?: boolean;
            type: string;
        };
        /**
         * CommentInput
         * @description A comment, or a reply with `parentId`.
         */
        CommentInput: {
            /** @description The top-level comment this one answers */
            parentId?: string | null;
            /** @description 1 to 2000 characters after trimming */
            text: string;
        };
        /**
         * CommentReport
         * @description One user’s report of a comment.
         */
        CommentReport: {
            reason: string;
            /** Format: date-time */
            reportedAt: string;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            reportedBy: string;
        };
        /**
         * CommentThread
         * @description A top-level comment with its replies.
         * @example {
         *       "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
         *       "author": {
         *         "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
         *         "displayName": "Ada L.",
         *         "erased": false
         *       },
         *       "text": "The last shot stayed with me.",
         *       "deleted": false,
         *       "hidden": false,
         *       "spoiler": false,
         *       "addedAt": "2026-11-24T10:00:00.000Z",
         *       "editedAt": null,
         *       "likes": 3,
         *       "likedByMe": true,
         *       "replyCount": 1,
         *       "replies": [
         *         {
         *           "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a02",
         *           "author": {
         *             "id": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
         *             "displayName": null,
         *             "erased": true
         *           },
         *           "text": null,
         *           "deleted": true,
         *           "hidden": false,
         *           "spoiler": false,
         *           "addedAt": "2026-11-24T10:00:00.000Z",
         *           "editedAt": null,
         *           "likes": 0,
         *           "likedByMe": false
         *         }
         *       ]
         *     }
         */
        CommentThread: {
            /** Format: date-time */
            addedAt: string;
            author: components["schemas"]["CommentAuthor"];
            deleted: boolean;
            editedAt: string | null;
            /** @description Hidden by a moderator: shown in place, without its text */
            hidden: boolean;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @description Whether the signed-in viewer likes it; null without a bearer token */
            likedByMe: boolean | null;
            likes: number;
            /** @description Oldest first */
            replies: components["schemas"]["Comment"][];
            /** @description Replies in all; the first 50 are listed */
            replyCount: number;
            /** @description A moderator marked it as a spoiler: blur it until the reader asks */
            spoiler: boolean;
            /** @description Null for a deleted comment (a tombstone) and for one a moderator hid */
            text: string | null;
        };
        /**
         * CommentThreadPage
         * @description A page of a movie's comment threads.
         */
        CommentThreadPage: {
            items: components["schemas"]["CommentThread"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Threads (top-level comments, tombstones included) on the movie */
            total: number;
        };
        /**
         * Credentials
         * @description A username or email and its password.
         */
        Credentials: {
            /** @description Username or email */
            login: string;
            password: string;
        };
        /**
         * CrewCredit
         * @description A director or writer of a movie.
         */
        CrewCredit: {
            /** @description The source's job title: Director, Screenplay, Novel... */
            job: string;
            person: components["schemas"]["PersonRef"];
            /** @enum {string} */
            role: "director" | "writer";
        };
        /**
         * Error
         * @description The body of every error answer.
         */
        Error: {
            error: {
                /**
                 * @description Stable machine-readable code: switch on it, never on `message`. New codes may be added; treat an unknown one by its HTTP status.
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "INVALID_JSON" | "EMPTY_BODY" | "INVALID_CURSOR" | "INVALID_URL" | "INVALID_CONSISTENCY_TOKEN" | "INVALID_DATE" | "WEAK_PASSWORD" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "INVALID_REFRESH_TOKEN" | "REFRESH_TOKEN_REUSED" | "FORBIDDEN" | "USER_SUSPENDED" | "CANNOT_MODERATE_STAFF" | "WRONG_PASSWORD" | "NOT_COMMENT_AUTHOR" | "MOVIE_NOT_FOUND" | "PERSON_NOT_FOUND" | "USER_NOT_FOUND" | "COMMENT_NOT_FOUND" | "STREAM_NOT_FOUND" | "PROJECTION_NOT_FOUND" | "GENRE_NOT_FOUND" | "IMPORT_NOT_FOUND" | "CONCURRENT_MODIFICATION" | "REBUILD_RUNNING" | "NOTHING_TO_SKIP" | "USERNAME_TAKEN" | "EMAIL_TAKEN" | "USER_EXISTS" | "MOVIE_EXISTS" | "GENRE_EXISTS" | "GENRE_IN_USE" | "JOB_EXISTS" | "BODY_TOO_LARGE" | "URI_TOO_LONG" | "UNSUPPORTED_MEDIA_TYPE" | "MOVIE_REMOVED" | "RATING_OUT_OF_RANGE" | "REVIEW_TOO_LONG" | "PROGRESS_OUT_OF_RANGE" | "WATCHED_IN_FUTURE" | "TITLE_REQUIRED" | "TITLE_TOO_LONG" | "YEAR_OUT_OF_RANGE" | "GENRE_REQUIRED" | "GENRE_TOO_LONG" | "TOO_MANY_GENRES" | "OVERVIEW_TOO_LONG" | "INVALID_RELEASE_DATE" | "RELEASE_DATE_NOT_IN_YEAR" | "COMMENT_LENGTH" | "TAG_REQUIRED" | "TAG_TOO_LONG" | "TAG_INVALID" | "TOO_MANY_TAGS" | "GENRE_NAME_REQUIRED" | "GENRE_MERGE_INVALID" | "COMMENT_DELETED" | "PARENT_NOT_FOUND" | "PARENT_DELETED" | "REPLY_TO_REPLY" | "REASON_REQUIRED" | "COMMENT_HIDDEN" | "CANNOT_REPORT_OWN" | "CANNOT_SUSPEND_SELF" | "REASON_TOO_LONG" | "USER_ERASED" | "DISPLAY_NAME_TOO_LONG" | "CANNOT_DEMOTE_SELF" | "IMPORT_PAGES" | "IMPORT_TMDB_IDS" | "RATE_LIMITED" | "TOO_MANY_FAILED_ATTEMPTS" | "SERVICE_UNAVAILABLE" | "INVALID_CONTENT_LENGTH" | "BAD_REQUEST" | "ROUTE_NOT_FOUND" | "INTERNAL_ERROR" | "TMDB_NOT_CONFIGURED";
                /** @description For validation errors, the problem of each field: `[{ path, message }]` */
                details?: unknown;
                /** @description What went wrong, for humans (may change) */
                message: string;
            };
        };
        /**
         * Favorite
         * @description A movie in my favourites.
         */
        Favorite: {
            /** Format: date-time */
            favoritedAt: string;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description The movie was removed from the catalogue */
            removed: boolean;
            /** @description Null when the movie is not in the catalogue */
            title: string | null;
            year: number | null;
        };
        /**
         * FavoritePage
         * @description A page of my favourites.
         */
        FavoritePage: {
            items: components["schemas"]["Favorite"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Favourites in all (a count over the user's own rows) */
            total: number;
        };
        /**
         * Genre
         * @description A genre created by an admin or on at least one listed movie.
         */
        Genre: {
            /** @description Listed movies */
            movieCount: number;
            name: string;
            slug: string;
        };
        /**
         * GenreCreated
         * @description The new genre and the position of its GenreCreated.
         */
        GenreCreated: {
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
            slug: string;
        };
        /**
         * GenreInput
         * @description A genre name: trimmed; its slug (lower case, letters and digits) must be new.
         */
        GenreInput: {
            /** @example Science Fiction */
            name: string;
        };
        /**
         * GenreList
         * @description Every genre of the catalogue, by name (the whole list: no pages).
         */
        GenreList: {
            items: components["schemas"]["Genre"][];
        };
        /**
         * GenreMergeInput
         * @description Genres to merge into the one in the path.
         */
        GenreMergeInput: {
            /** @description The genres merged into this one (their slugs) */
            sources: string[];
        };
        /**
         * GenreSuggestion
         * @description A genre whose name matches.
         * @example {
         *       "kind": "genre",
         *       "label": "Mystery",
         *       "slug": "mystery",
         *       "name": "Mystery",
         *       "movieCount": 42
         *     }
         */
        GenreSuggestion: {
            /** @enum {string} */
            kind: "genre";
            /** @description What to show: the genre name */
            label: string;
            /** @description Listed movies */
            movieCount: number;
            name: string;
            /** @description For GET /movies?genre= */
            slug: string;
        };
        /**
         * ImageUrls
         * @description One image in three sizes (docs/api.md "Images").
         * @example {
         *       "small": "https://image.tmdb.org/t/p/w185/kyeqWdyUXW608qlYkRqosgbbJyK.jpg",
         *       "medium": "https://image.tmdb.org/t/p/w500/kyeqWdyUXW608qlYkRqosgbbJyK.jpg",
         *       "original": "https://image.tmdb.org/t/p/original/kyeqWdyUXW608qlYkRqosgbbJyK.jpg"
         *     }
         */
        ImageUrls: {
            /** Format: uri */
            medium: string;
            /** Format: uri */
            original: string;
            /** Format: uri */
            small: string;
        };
        /**
         * ImportAccepted
         * @description The import was asked for: follow the job at `Location`.
         */
        ImportAccepted: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            jobId: string;
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
            /** @enum {string} */
            status: "requested";
        };
        /**
         * ImportCounts
         * @description What an import did, movie by movie.
         */
        ImportCounts: {
            /** @description Movies TMDb lacks (404) or the catalogue refuses (no release year) */
            failed: number;
            /** @description Movies appended (MovieImported) */
            imported: number;
            /** @description Movies already in the catalogue */
            skipped: number;
        };
        /**
         * ImportError
         * @description Why it failed: TMDB_INVALID_KEY, TMDB_UNAVAILABLE, TMDB_RATE_LIMITED, ...
         */
        ImportError: {
            /** @example TMDB_UNAVAILABLE */
            code: string;
            message: string;
        };
        /**
         * ImportJob
         * @description An import job and its outcome.
         * @example {
         *       "jobId": "0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70",
         *       "source": "tmdb",
         *       "request": {
         *         "kind": "trending",
         *         "window": "week",
         *         "pages": 5,
         *         "details": false
         *       },
         *       "status": "completed",
         *       "requestedBy": "7d1c9a8e-2b3f-4e5d-8c7b-6a5f4e3d2c1b",
         *       "requestedAt": "2026-11-24T10:00:00.000Z",
         *       "startedAt": "2026-11-24T10:00:00.120Z",
         *       "finishedAt": "2026-11-24T10:00:03.400Z",
         *       "counts": {
         *         "imported": 97,
         *         "skipped": 3,
         *         "failed": 0
         *       },
         *       "error": null
         *     }
         */
        ImportJob: {
            counts: components["schemas"]["ImportCounts"];
            error: components["schemas"]["ImportError"] | null;
            finishedAt: string | null;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            jobId: string;
            /** @description What was asked for (kind trending with window and pages, or movie with tmdbIds) */
            request: unknown;
            /** Format: date-time */
            requestedAt: string;
            requestedBy: string | null;
            /** @description tmdb */
            source: string;
            startedAt: string | null;
            /**
             * @description requested: waiting for the reactor; running: started; completed or failed: done
             * @enum {string}
             */
            status: "requested" | "running" | "completed" | "failed";
        };
        /**
         * ImportJobList
         * @description The newest import jobs.
         */
        ImportJobList: {
            items: components["schemas"]["ImportJob"][];
        };
        /**
         * ImportRequest
         * @description What to import: trending movies, or movies by id (`kind` tells which).
         */
        ImportRequest: components["schemas"]["TrendingImportRequest"] | components["schemas"]["MoviesImportRequest"];
        /**
         * ModerationDecision
         * @description Why a report is made or a moderation decision taken.
         */
        ModerationDecision: {
            /**
             * @description 1 to 500 characters after trimming; recorded in the event with who decided
             * @example reveals the ending without a warning
             */
            reason: string;
        };
        /**
         * ModerationQueueItem
         * @description A reported or moderated comment.
         * @example {
         *       "commentId": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
         *       "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
         *       "authorId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
         *       "parentId": null,
         *       "text": "The butler did it, by the way.",
         *       "status": "open",
         *       "reportCount": 2,
         *       "openReports": 2,
         *       "hidden": false,
         *       "spoiler": false,
         *       "lastDecision": null,
         *       "reports": [
         *         {
         *           "reportedBy": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
         *           "reason": "reveals the ending",
         *           "reportedAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "updatedAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        ModerationQueueItem: {
            /** @description Null while the comments read model lags */
            authorId: string | null;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            commentId: string;
            hidden: boolean;
            lastDecision: {
                /** @description hidden, restored, spoiler or spoiler-removed */
                action: string;
                at: string | null;
                by: string | null;
                reason: string | null;
            } | null;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description Reports since the last decision */
            openReports: number;
            parentId: string | null;
            /** @description Every report ever made */
            reportCount: number;
            /** @description The latest 10, newest first */
            reports: components["schemas"]["CommentReport"][];
            spoiler: boolean;
            /** @enum {string} */
            status: "open" | "hidden" | "resolved" | "deleted";
            /** @description The text, hidden or not; null once deleted or its author erased */
            text: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * ModerationQueuePage
         * @description A page of the moderation queue.
         */
        ModerationQueuePage: {
            items: components["schemas"]["ModerationQueueItem"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * Movie
         * @description One movie with its aggregates and, with a bearer token, the viewer's own rating, favourite and like.
         */
        Movie: {
            /** Format: date-time */
            addedAt: string;
            /** @description 0 when unrated */
            averageRating: number;
            /** @description Top-billed cast (at most 10), in billing order */
            cast: components["schemas"]["CastCredit"][];
            comments: number;
            /** @description Directors, then writers */
            crew: components["schemas"]["CrewCredit"][];
            /** @description Ids in MovieLens, IMDb and TMDb of an imported movie (or its demo catalogue key); empty for one added by an admin */
            externalIds: {
                /**
                 * @description Embedded mode's demo catalogue: the film's title and year as a slug
                 * @example the-big-parade-1925
                 */
                demo?: string;
                /** @example tt0113277 */
                imdb?: string;
                movielens?: number;
                /** @description Movie id in the ml-100k dataset */
                movielens100k?: number;
                tmdb?: number;
            };
            favorites: number;
            genres: string[];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @description From TMDb imports; null where the source has none (docs/api.md "Images") */
            images: {
                /** @description Null when the source has no image. */
                backdrop: components["schemas"]["ImageUrls"] | null;
                /** @description Null when the source has no image. */
                poster: components["schemas"]["ImageUrls"] | null;
            };
            likes: number;
            /** @description The signed-in viewer's own rating, favourite, like and watchlist mark; null without a token */
            me: {
                favorite: boolean;
                liked: boolean;
                rating: {
                    /** Format: date-time */
                    ratedAt: string;
                    review: string | null;
                    stars: number;
                } | null;
                /** @description My own tags on it */
                tags: string[];
                /** @description On my watchlist */
                watchlisted: boolean;
            } | null;
            /** @description ISO 639-1 code */
            originalLanguage: string | null;
            overview: string | null;
            /** @description All-time weighted interactions: favourite 3, like 2, watch 1, rating 1 */
            popularity: number;
            ratingCount: number;
            /** @description Ratings per star; a half star counts with the star above (3.5 with the 4s) */
            ratingHistogram: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
            };
            releaseDate: string | null;
            /** @description Minutes; null when unknown */
            runtime: number | null;
            tagline: string | null;
            /** @description Its top tags: curated first, then by how many users use them */
            tags: components["schemas"]["MovieTag"][];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            watches: number;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * MovieChanges
         * @description The fields to change (at least one).
         */
        MovieChanges: {
            /** @description Genre names; new ones join the genre list, matching is case-insensitive */
            genres?: string[];
            overview?: string | null;
            releaseDate?: string | null;
            title?: string;
            /** @description Release year */
            year?: number;
        };
        /**
         * MovieCreated
         * @description The new movie and the position of its MovieAdded.
         */
        MovieCreated: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
        };
        /**
         * MovieInput
         * @description A movie to add.
         */
        MovieInput: {
            /** @description Genre names; new ones join the genre list, matching is case-insensitive */
            genres: string[];
            overview?: string | null;
            releaseDate?: string | null;
            title: string;
            /** @description Release year */
            year: number;
        };
        /**
         * MoviePage
         * @description A page of movies. No total: counting every match of a search or filter costs as much as reading them all, which keyset pages exist to avoid; `GET /genres` counts the movies of each genre.
         */
        MoviePage: {
            items: components["schemas"]["MovieSummary"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * MovieReference
         * @description A movie by id and title.
         */
        MovieReference: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            title: string;
        };
        /**
         * MoviesImportRequest
         * @description Movies by TMDb id.
         */
        MoviesImportRequest: {
            /** @enum {string} */
            kind: "movie";
            /** @enum {string} */
            source: "tmdb";
            /** @description TMDb movie ids; details are fetched for each */
            tmdbIds: number[];
        };
        /**
         * MovieSuggestion
         * @description A listed movie whose title matches; GET /movies/{id} has the rest.
         * @example {
         *       "kind": "movie",
         *       "label": "The Matrix",
         *       "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
         *       "title": "The Matrix",
         *       "year": 1999
         *     }
         */
        MovieSuggestion: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @enum {string} */
            kind: "movie";
            /** @description What to show: the title */
            label: string;
            title: string;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * MovieSummary
         * @description A movie in a list; `me` only with a bearer token.
         * @example {
         *       "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
         *       "title": "Silent Harbor",
         *       "year": 2024,
         *       "releaseDate": "2024-03-08",
         *       "genres": [
         *         "Drama",
         *         "Mystery"
         *       ],
         *       "averageRating": 4.25,
         *       "ratingCount": 4,
         *       "favorites": 2,
         *       "likes": 3,
         *       "popularity": 16,
         *       "externalIds": {
         *         "movielens": 6,
         *         "imdb": "tt0113277",
         *         "tmdb": 949
         *       },
         *       "me": {
         *         "rating": 4,
         *         "favorite": true,
         *         "liked": false
         *       }
         *     }
         */
        MovieSummary: {
            /** @description 0 when unrated */
            averageRating: number;
            /** @description Ids in MovieLens, IMDb and TMDb of an imported movie (or its demo catalogue key); empty for one added by an admin */
            externalIds: {
                /**
                 * @description Embedded mode's demo catalogue: the film's title and year as a slug
                 * @example the-big-parade-1925
                 */
                demo?: string;
                /** @example tt0113277 */
                imdb?: string;
                movielens?: number;
                /** @description Movie id in the ml-100k dataset */
                movielens100k?: number;
                tmdb?: number;
            };
            favorites: number;
            genres: string[];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            likes: number;
            me?: components["schemas"]["ViewerFlags"];
            /** @description All-time weighted interactions: favourite 3, like 2, watch 1, rating 1 */
            popularity: number;
            ratingCount: number;
            releaseDate: string | null;
            title: string;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * MovieTag
         * @description One of a movie's tags.
         */
        MovieTag: {
            /** @description Users who put it on this movie */
            count: number;
            /** @description Given by an admin */
            curated: boolean;
            tag: string;
        };
        /**
         * MyRating
         * @description A rating I gave.
         */
        MyRating: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** Format: date-time */
            ratedAt: string;
            review: string | null;
            /** @description Stars from 0.5 to 5 in half-star steps */
            stars: number;
        };
        /**
         * MyRatingPage
         * @description A page of my ratings.
         */
        MyRatingPage: {
            items: components["schemas"]["MyRating"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Ratings in all (a count over the user's own rows) */
            total: number;
        };
        /**
         * PasswordChange
         * @description The current password and the new one.
         */
        PasswordChange: {
            currentPassword: string;
            /** @description 10 to 256 characters, not a common password */
            newPassword: string;
        };
        /**
         * PasswordConfirmation
         * @description The password, to confirm who asks.
         */
        PasswordConfirmation: {
            password: string;
        };
        /**
         * Person
         * @description A person from imported credits (top-billed cast, directors, writers) and their movies.
         */
        Person: {
            /** @description Listed movies, newest first (by year, then title); at most 200 */
            credits: components["schemas"]["PersonCredit"][];
            /**
             * @description A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a source without ids (the demo catalogue). In a list query: only movies this person is in (cast, director or writer).
             * @example 525
             */
            id: string;
            /** @description Null when the source has no image. */
            image: components["schemas"]["ImageUrls"] | null;
            name: string;
            /** @description TMDb person id; null for a person from a source without ids */
            tmdbId: number | null;
            /** @description More than 200 movies: the oldest are left out */
            truncated: boolean;
        };
        /**
         * PersonCredit
         * @description One movie a person is in, with every role they had in it.
         */
        PersonCredit: {
            /** @description The part played, in cast */
            character: string | null;
            /** @description Crew job titles: Director, Screenplay... */
            jobs: string[];
            movie: {
                /**
                 * Format: uuid
                 * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
                 */
                id: string;
                /** @description Null when the source has no image. */
                poster: components["schemas"]["ImageUrls"] | null;
                title: string;
                /** @description Null when unknown */
                year: number | null;
            };
            roles: ("cast" | "director" | "writer")[];
        };
        /**
         * PersonRef
         * @description A person, as a movie or a list names them.
         */
        PersonRef: {
            /**
             * @description A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a source without ids (the demo catalogue). In a list query: only movies this person is in (cast, director or writer).
             * @example 525
             */
            id: string;
            /** @description Null when the source has no image. */
            image: components["schemas"]["ImageUrls"] | null;
            name: string;
        };
        /**
         * PersonSuggestion
         * @description A person whose name matches; GET /people/{id} has their movies.
         * @example {
         *       "kind": "person",
         *       "label": "Sofia Coppola",
         *       "id": "1769",
         *       "name": "Sofia Coppola",
         *       "movieCount": 8
         *     }
         */
        PersonSuggestion: {
            /**
             * @description A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a source without ids (the demo catalogue). In a list query: only movies this person is in (cast, director or writer).
             * @example 525
             */
            id: string;
            /** @enum {string} */
            kind: "person";
            /** @description What to show: the person's name */
            label: string;
            /** @description Movies they are credited in (cast, director, writer) */
            movieCount: number;
            name: string;
        };
        /**
         * PoisonEvent
         * @description The poison event it stopped on and the handler error
         */
        PoisonEvent: {
            eventId: string;
            message: string;
            /** @description Log position token (32 hex digits); string order is log order */
            position: string;
            type: string;
        };
        /**
         * PoisonEventSkipped
         * @description The stopped generation now resumes after `position`.
         */
        PoisonEventSkipped: {
            /** @description The generation moved (the active one, or one being rebuilt) */
            generation: number;
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
            projection: string;
        };
        /**
         * ProfileChanges
         * @description The profile fields to change (at least one).
         */
        ProfileChanges: {
            displayName?: string | null;
            /** @description Seeds recommendations before the user has rated anything */
            favouriteGenres?: string[];
            /** @description Show my ratings and reviews on my public profile (GET /users/{id}) */
            ratingsPublic?: boolean;
        };
        /**
         * ProjectionGeneration
         * @description One generation (build) of a projection.
         */
        ProjectionGeneration: {
            /** @description Whether queries read this generation */
            active: boolean;
            /** @description Log position token (32 hex digits); string order is log order */
            checkpoint: string;
            error: components["schemas"]["PoisonEvent"] | null;
            /** @description Events of handled types applied by this generation */
            eventsApplied: number;
            /** @description Each build (first build, rebuild, reset) is a new generation */
            generation: number;
            heartbeatAt: string | null;
            /**
             * @description reactor: causes work (imports, training) instead of writing a read model
             * @enum {string}
             */
            kind: "postgres" | "redis" | "reactor";
            lag: components["schemas"]["ProjectionLag"];
            lastEventAt: string | null;
            owner: string | null;
            /** @description The owner beat within the last 15 seconds */
            ownerAlive: boolean;
            /**
             * @description building: a rebuild fills it while the active one serves; stopped: on a poison event
             * @enum {string}
             */
            state: "building" | "catching_up" | "live" | "stopped" | "retired";
            /** @description The projection version this generation was built with */
            version: number;
        };
        /**
         * ProjectionLag
         * @description How far a generation is behind the head of the log.
         */
        ProjectionLag: {
            events: number | null;
            /** @description Age of the oldest event not yet applied; 0 when caught up */
            seconds: number;
        };
        /**
         * ProjectionState
         * @description A projection or reactor and its generations.
         */
        ProjectionState: {
            activeGeneration: number | null;
            /** @description The version the running code declares */
            codeVersion: number;
            /** @description The active generation and any being built */
            generations: components["schemas"]["ProjectionGeneration"][];
            /**
             * @description reactor: causes work (imports, training) instead of writing a read model
             * @enum {string}
             */
            kind: "postgres" | "redis" | "reactor";
            name: string;
        };
        /**
         * ProjectionStatus
         * @description Where every projection stands, against the head of the log.
         */
        ProjectionStatus: {
            /** Format: date-time */
            checkedAt: string;
            /** @description postgres or eventstoredb */
            eventStore: string;
            /** @description Log position token (32 hex digits); string order is log order */
            head: string;
            projections: components["schemas"]["ProjectionState"][];
        };
        /**
         * PublicProfile
         * @description What anyone may see of a user: never the email, role or anything not made public.
         */
        PublicProfile: {
            /** @description Comments and replies they wrote, deleted ones left out */
            commentCount: number;
            displayName: string | null;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /** @description Null unless ratings are public */
            ratingCount: number | null;
            /** @description The 20 newest ratings, null unless the user made them public */
            ratings: components["schemas"]["PublicRating"][] | null;
            /** @description The user shows their ratings (PATCH /me `ratingsPublic`) */
            ratingsPublic: boolean;
        };
        /**
         * PublicRating
         * @description A rating on a public profile.
         */
        PublicRating: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** Format: date-time */
            ratedAt: string;
            review: string | null;
            stars: number;
            title: string | null;
            year: number | null;
        };
        /**
         * RatingInput
         * @description A rating to give.
         */
        RatingInput: {
            review?: string | null;
            /** @description Stars from 0.5 to 5 in half-star steps (3.5 is three and a half stars) */
            stars: number;
        };
        /**
         * RebuildStarted
         * @description The rebuild runs: follow it at GET /api/v1/admin/projections.
         */
        RebuildStarted: {
            /** @description The generation being built (a resumed one, or a new one) */
            generation: number;
            projection: string;
            /** @enum {string} */
            status: "rebuilding";
        };
        /**
         * Recommendation
         * @description A recommended movie and why.
         */
        Recommendation: {
            /** @description The movie of yours that weighed most, when the personal model decided */
            because: components["schemas"]["MovieReference"] | null;
            genres: string[];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description "because you liked <title>", "popular in <genre>"... */
            reason: string;
            /** @description Blended score, 0 to 1; higher is better */
            score: number;
            title: string;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * RecommendationList
         * @description A user's recommendations, best first.
         */
        RecommendationList: {
            items: components["schemas"]["Recommendation"][];
            model: components["schemas"]["RecommenderModel"];
            /** @description Weight of the personal model against popularity for this user (grows with interactions) */
            personalShare: number;
        };
        /**
         * RecommenderModel
         * @description The model that served the answer.
         */
        RecommenderModel: {
            id: number;
            name: string;
            trainedAt: string | null;
        };
        /**
         * RecommenderStatus
         * @description The serving model, models being trained and the last evaluation.
         */
        RecommenderStatus: {
            /** @description Ids of models being trained now */
            building: number[];
            serving: {
                durationMs: number;
                id: number;
                interactions: number;
                items: number;
                jobId: string | null;
                model: string;
                report: {
                    candidates: {
                        /** @description popularity, item-knn, ease or ease-session */
                        candidate: string;
                        chosen: boolean;
                        gramItems: number | null;
                        /** @description The tuned settings */
                        model: string;
                        /** @description Peak memory of the training thread during that training */
                        peakBytes: number;
                        test: {
                            /** @description Share of the catalogue recommended to at least one evaluated user */
                            coverage: number;
                            /** @description NDCG@10, binary relevance (a held-out movie the user liked) */
                            ndcg: number;
                            /** @description recall@10: liked held-out movies found in the top 10, of all */
                            recall: number;
                            /** @description Users evaluated (with a liked held-out movie) */
                            users: number;
                        };
                        /** @description Training of the tuned settings on the training part */
                        trainMs: number;
                        /** @description Every setting tried on validation, in order */
                        tuning: {
                            model: string;
                            ndcg: number;
                        }[];
                        validation: {
                            /** @description Share of the catalogue recommended to at least one evaluated user */
                            coverage: number;
                            /** @description NDCG@10, binary relevance (a held-out movie the user liked) */
                            ndcg: number;
                            /** @description recall@10: liked held-out movies found in the top 10, of all */
                            recall: number;
                            /** @description Users evaluated (with a liked held-out movie) */
                            users: number;
                        };
                        why: string;
                    }[];
                    chosen: string;
                    chosenModel: string;
                    /** @description Popularity serves: too little data to judge, or nothing beat it */
                    coldStart: boolean;
                    data: {
                        interactions: number;
                        items: number;
                        users: number;
                    };
                    protocol: string;
                    reason: string;
                    selectionMs: number;
                    split: {
                        testUsers: number;
                        trainInteractions: number;
                        validationUsers: number;
                    };
                } | null;
                trainedAt: string | null;
                users: number;
            } | null;
        };
        /**
         * RefreshTokenInput
         * @description A refresh token to spend (refresh) or revoke (logout).
         */
        RefreshTokenInput: {
            refreshToken: string;
        };
        /**
         * Registered
         * @description The new account: its id, its username as stored, and the position of its registration.
         */
        Registered: {
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            userId: string;
            username: string;
        };
        /**
         * Registration
         * @description A new account.
         */
        Registration: {
            displayName?: string | null;
            /** Format: email */
            email: string;
            /** @description 10 to 256 characters, not a common password */
            password: string;
            /** @description 3 to 32 letters a-z and digits with single . _ or - between them, compared after NFKC and case folding */
            username: string;
        };
        /**
         * RoleChange
         * @description The role to give.
         */
        RoleChange: {
            /**
             * @description What the account may do
             * @enum {string}
             */
            role: "user" | "analyst" | "moderator" | "admin";
        };
        /**
         * SimilarMovie
         * @description A movie like the one asked about.
         */
        SimilarMovie: {
            genres: string[];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description "because you liked <title>", "popular in <genre>"... */
            reason: string;
            /** @description Blended score, 0 to 1; higher is better */
            score: number;
            title: string;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * SimilarMovieList
         * @description The movies nearest to one movie, best first.
         */
        SimilarMovieList: {
            items: components["schemas"]["SimilarMovie"][];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            title: string;
        };
        /**
         * SkipPoisonEvent
         * @description Where to move the stopped generation: the position of the poison event it stopped on.
         */
        SkipPoisonEvent: {
            /**
             * @description Opaque log position; send it as X-Consistency-Token to read your own write.
             * @example 000000000000031a0000000000000042
             */
            position: string;
        };
        /**
         * SpoilerDecision
         * @description Whether the comment is a spoiler, and why.
         */
        SpoilerDecision: {
            /**
             * @description 1 to 500 characters after trimming; recorded in the event with who decided
             * @example reveals the ending without a warning
             */
            reason: string;
            /** @description True marks the comment as a spoiler; false takes the mark away */
            spoiler: boolean;
        };
        /**
         * StreamEvent
         * @description One stored event of a stream.
         */
        StreamEvent: {
            /** Format: date-time */
            createdAt: string;
            /** @description The event's data (personal data of erased users is null) */
            data: unknown;
            id: string;
            /** @description actorId, correlationId, causationId, ... */
            metadata: {
                [key: string]: unknown;
            };
            /** @description Global log position */
            position: string;
            /** @description Its place in the stream, from 0 */
            revision: number;
            stream: string;
            /** @example MovieDetailsUpdated */
            type: string;
        };
        /**
         * StreamHistory
         * @description The events of one stream in revision order.
         */
        StreamHistory: {
            events: components["schemas"]["StreamEvent"][];
            /** @description More events follow: ask again with `from` one past the last revision */
            more: boolean;
            /** @description The stream's last revision (its length minus one) */
            revision: number;
            stream: string;
        };
        /**
         * SuggestionList
         * @description Suggestions by kind: movies first (best first), then people, then genres, then tags. No pages: a few items for a list under a search box.
         */
        SuggestionList: {
            items: (components["schemas"]["MovieSuggestion"] | components["schemas"]["PersonSuggestion"] | components["schemas"]["GenreSuggestion"] | components["schemas"]["TagSuggestion"])[];
        };
        /**
         * TagList
         * @description Tags in use, most used first (ties by name).
         */
        TagList: {
            items: components["schemas"]["TagUse"][];
        };
        /**
         * TagSuggestion
         * @description A tag that begins with what was typed (normalised like a tag), most used first.
         * @example {
         *       "kind": "tag",
         *       "label": "time travel",
         *       "tag": "time travel",
         *       "movieCount": 12
         *     }
         */
        TagSuggestion: {
            /** @enum {string} */
            kind: "tag";
            /** @description What to show: the tag */
            label: string;
            /** @description Listed movies with this tag */
            movieCount: number;
            /** @description For GET /movies?tag= */
            tag: string;
        };
        /**
         * TagUse
         * @description A tag in use on listed movies.
         */
        TagUse: {
            /** @description Listed movies with this tag */
            movieCount: number;
            /** @description Normalised: trimmed, single-spaced, lower case */
            tag: string;
            /** @description Times it was put on a listed movie: curated once, plus once per user */
            uses: number;
        };
        /**
         * TokenPair
         * @description A new access token and refresh token.
         */
        TokenPair: {
            /** @description JWT for the Authorization: Bearer header */
            accessToken: string;
            /** @description Seconds the access token stays valid */
            expiresIn: number;
            /** @description Position of the user's latest event: send it as X-Consistency-Token to GET /me */
            position: string | null;
            /** @description Opaque; exchange it once at /auth/refresh */
            refreshToken: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            /**
             * @description What the account may do
             * @enum {string}
             */
            role: "user" | "analyst" | "moderator" | "admin";
            /** @enum {string} */
            tokenType: "Bearer";
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            userId: string;
        };
        /**
         * TrendingImportRequest
         * @description TMDb's trending movies.
         */
        TrendingImportRequest: {
            /**
             * @description Also fetch each movie's details (IMDb id): one more TMDb request per movie
             * @default false
             */
            details: boolean;
            /** @enum {string} */
            kind: "trending";
            /**
             * @description 20 movies a page
             * @default 1
             */
            pages: number;
            /** @enum {string} */
            source: "tmdb";
            /**
             * @description TMDb's trending window
             * @enum {string}
             */
            window: "day" | "week";
        };
        /**
         * TrendingList
         * @description The most interacted-with movies of the window, best first.
         */
        TrendingList: {
            /** @description The genre slug asked for */
            genre: string | null;
            items: components["schemas"]["TrendingMovie"][];
            /** @enum {string} */
            window: "day" | "week" | "all";
        };
        /**
         * TrendingMovie
         * @description A trending movie; `me` only with a bearer token.
         */
        TrendingMovie: {
            genres: string[];
            me?: components["schemas"]["ViewerFlags"];
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description Weighted interactions in the window */
            score: number;
            title: string;
            /** @description Release year; null when unknown (an imported title without a year) */
            year: number | null;
        };
        /**
         * ViewerFlags
         * @description The signed-in viewer's own relation to a movie in a list.
         */
        ViewerFlags: {
            favorite: boolean;
            liked: boolean;
            /** @description My stars; null when I did not rate it */
            rating: number | null;
        };
        /**
         * Viewing
         * @description One viewing I recorded.
         */
        Viewing: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            id: string;
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            progress: number;
            /** @description The movie was removed from the catalogue */
            removed: boolean;
            /** @description Null when the movie is not in the catalogue */
            title: string | null;
            /** Format: date-time */
            watchedAt: string;
            year: number | null;
        };
        /**
         * ViewingInput
         * @description A viewing to record.
         */
        ViewingInput: {
            /** @description How much was watched, 0 to 1 */
            progress: number;
            /**
             * Format: date-time
             * @description When it was watched; defaults to now
             */
            watchedAt?: string;
        };
        /**
         * ViewingPage
         * @description A page of my watch history.
         */
        ViewingPage: {
            items: components["schemas"]["Viewing"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Viewings in all (a count over the user's own rows) */
            total: number;
        };
        /**
         * WatchlistEntry
         * @description A movie on my watchlist.
         */
        WatchlistEntry: {
            /**
             * Format: uuid
             * @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
             */
            movieId: string;
            /** @description The movie was removed from the catalogue */
            removed: boolean;
            /** @description Null when the movie is not in the catalogue */
            title: string | null;
            /** Format: date-time */
            watchlistedAt: string;
            year: number | null;
        };
        /**
         * WatchlistPage
         * @description A page of my watchlist.
         */
        WatchlistPage: {
            items: components["schemas"]["WatchlistEntry"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Movies on the watchlist in all (a count over the user's own rows) */
            total: number;
        };
    };
    responses: never;
    parameters: {
        /**
         * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
         * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
         */
        IdempotencyKey: string;
        /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
        IfNoneMatch: string;
        /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
        XConsistencyToken: string;
        /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
        XRequestId: string;
    };
    requestBodies: never;
    headers: {
        /** @description `no-cache` (anonymous) or `private, no-cache` (with a bearer token): keep the answer, revalidate it with its ETag. */
        "Cache-Control": string;
        /** @description Weak tag of the read models this answer was made from; send it back as `If-None-Match` for a 304 while nothing changed. */
        ETag: string;
        /** @description Where the new resource is. */
        Location: string;
        /** @description Requests allowed in the current window (IETF draft "RateLimit header fields for HTTP"). */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window. */
        "RateLimit-Remaining": number;
        /** @description Seconds until the current window ends and the count starts again. */
        "RateLimit-Reset": number;
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description `hit` when the answer came from the cache, `miss` when it was computed now. */
        "X-Cache": "hit" | "miss";
        /** @description With `X-Consistency-Token`: `reached` when the read models had passed that position, `timeout` when the bounded wait ran out first (the answer may not show the write yet). */
        "X-Consistency": "reached" | "timeout";
        /** @description The position of the command (as `position` in the body): send it as `X-Consistency-Token` on a query. */
        "X-Consistency-Token": string;
        /** @description The id of this request: the `X-Request-Id` the client sent (1-200 characters of `A-Z a-z 0-9 . _ : -`), else a new UUID. The server's log line of the request carries it; quote it when reporting a problem. */
        "X-Request-Id": string;
    };
    pathItems: never;
}
export type Account = components['schemas']['Account'];
export type AccountPage = components['schemas']['AccountPage'];
export type ApiIndex = components['schemas']['ApiIndex'];
export type CastCredit = components['schemas']['CastCredit'];
export type CommandAccepted = components['schemas']['CommandAccepted'];
export type Comment = components['schemas']['Comment'];
export type CommentAuthor = components['schemas']['CommentAuthor'];
export type CommentChange = components['schemas']['CommentChange'];
export type CommentCreated = components['schemas']['CommentCreated'];
export type CommentHistory = components['schemas']['CommentHistory'];
export type CommentHistoryEntry = components['schemas']['CommentHistoryEntry'];
export type CommentInput = components['schemas']['CommentInput'];
export type CommentReport = components['schemas']['CommentReport'];
export type CommentThread = components['schemas']['CommentThread'];
export type CommentThreadPage = components['schemas']['CommentThreadPage'];
export type Credentials = components['schemas']['Credentials'];
export type CrewCredit = components['schemas']['CrewCredit'];
export type Error = components['schemas']['Error'];
export type Favorite = components['schemas']['Favorite'];
export type FavoritePage = components['schemas']['FavoritePage'];
export type Genre = components['schemas']['Genre'];
export type GenreCreated = components['schemas']['GenreCreated'];
export type GenreInput = components['schemas']['GenreInput'];
export type GenreList = components['schemas']['GenreList'];
export type GenreMergeInput = components['schemas']['GenreMergeInput'];
export type GenreSuggestion = components['schemas']['GenreSuggestion'];
export type ImageUrls = components['schemas']['ImageUrls'];
export type ImportAccepted = components['schemas']['ImportAccepted'];
export type ImportCounts = components['schemas']['ImportCounts'];
export type ImportError = components['schemas']['ImportError'];
export type ImportJob = components['schemas']['ImportJob'];
export type ImportJobList = components['schemas']['ImportJobList'];
export type ImportRequest = components['schemas']['ImportRequest'];
export type ModerationDecision = components['schemas']['ModerationDecision'];
export type ModerationQueueItem = components['schemas']['ModerationQueueItem'];
export type ModerationQueuePage = components['schemas']['ModerationQueuePage'];
export type Movie = components['schemas']['Movie'];
export type MovieChanges = components['schemas']['MovieChanges'];
export type MovieCreated = components['schemas']['MovieCreated'];
export type MovieInput = components['schemas']['MovieInput'];
export type MoviePage = components['schemas']['MoviePage'];
export type MovieReference = components['schemas']['MovieReference'];
export type MoviesImportRequest = components['schemas']['MoviesImportRequest'];
export type MovieSuggestion = components['schemas']['MovieSuggestion'];
export type MovieSummary = components['schemas']['MovieSummary'];
export type MovieTag = components['schemas']['MovieTag'];
export type MyRating = components['schemas']['MyRating'];
export type MyRatingPage = components['schemas']['MyRatingPage'];
export type PasswordChange = components['schemas']['PasswordChange'];
export type PasswordConfirmation = components['schemas']['PasswordConfirmation'];
export type Person = components['schemas']['Person'];
export type PersonCredit = components['schemas']['PersonCredit'];
export type PersonRef = components['schemas']['PersonRef'];
export type PersonSuggestion = components['schemas']['PersonSuggestion'];
export type PoisonEvent = components['schemas']['PoisonEvent'];
export type PoisonEventSkipped = components['schemas']['PoisonEventSkipped'];
export type ProfileChanges = components['schemas']['ProfileChanges'];
export type ProjectionGeneration = components['schemas']['ProjectionGeneration'];
export type ProjectionLag = components['schemas']['ProjectionLag'];
export type ProjectionState = components['schemas']['ProjectionState'];
export type ProjectionStatus = components['schemas']['ProjectionStatus'];
export type PublicProfile = components['schemas']['PublicProfile'];
export type PublicRating = components['schemas']['PublicRating'];
export type RatingInput = components['schemas']['RatingInput'];
export type RebuildStarted = components['schemas']['RebuildStarted'];
export type Recommendation = components['schemas']['Recommendation'];
export type RecommendationList = components['schemas']['RecommendationList'];
export type RecommenderModel = components['schemas']['RecommenderModel'];
export type RecommenderStatus = components['schemas']['RecommenderStatus'];
export type RefreshTokenInput = components['schemas']['RefreshTokenInput'];
export type Registered = components['schemas']['Registered'];
export type Registration = components['schemas']['Registration'];
export type RoleChange = components['schemas']['RoleChange'];
export type SimilarMovie = components['schemas']['SimilarMovie'];
export type SimilarMovieList = components['schemas']['SimilarMovieList'];
export type SkipPoisonEvent = components['schemas']['SkipPoisonEvent'];
export type SpoilerDecision = components['schemas']['SpoilerDecision'];
export type StreamEvent = components['schemas']['StreamEvent'];
export type StreamHistory = components['schemas']['StreamHistory'];
export type SuggestionList = components['schemas']['SuggestionList'];
export type TagList = components['schemas']['TagList'];
export type TagSuggestion = components['schemas']['TagSuggestion'];
export type TagUse = components['schemas']['TagUse'];
export type TokenPair = components['schemas']['TokenPair'];
export type TrendingImportRequest = components['schemas']['TrendingImportRequest'];
export type TrendingList = components['schemas']['TrendingList'];
export type TrendingMovie = components['schemas']['TrendingMovie'];
export type ViewerFlags = components['schemas']['ViewerFlags'];
export type Viewing = components['schemas']['Viewing'];
export type ViewingInput = components['schemas']['ViewingInput'];
export type ViewingPage = components['schemas']['ViewingPage'];
export type WatchlistEntry = components['schemas']['WatchlistEntry'];
export type WatchlistPage = components['schemas']['WatchlistPage'];
export type ParameterIdempotencyKey = components['parameters']['IdempotencyKey'];
export type ParameterIfNoneMatch = components['parameters']['IfNoneMatch'];
export type ParameterXConsistencyToken = components['parameters']['XConsistencyToken'];
export type ParameterXRequestId = components['parameters']['XRequestId'];
export type HeaderCacheControl = components['headers']['Cache-Control'];
export type HeaderETag = components['headers']['ETag'];
export type HeaderLocation = components['headers']['Location'];
export type HeaderRateLimitLimit = components['headers']['RateLimit-Limit'];
export type HeaderRateLimitRemaining = components['headers']['RateLimit-Remaining'];
export type HeaderRateLimitReset = components['headers']['RateLimit-Reset'];
export type HeaderRetryAfter = components['headers']['Retry-After'];
export type HeaderXCache = components['headers']['X-Cache'];
export type HeaderXConsistency = components['headers']['X-Consistency'];
export type HeaderXConsistencyToken = components['headers']['X-Consistency-Token'];
export type HeaderXRequestId = components['headers']['X-Request-Id'];
export type $defs = Record<string, never>;
export interface operations {
    getApiIndex: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where the API and its documentation are. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "Nexus API",
                     *       "version": "1.0.0",
                     *       "links": {
                     *         "api": "/api/v1",
                     *         "docs": "/api/docs",
                     *         "openapi": "/api/docs/json",
                     *         "postmanCollection": "/api/docs/postman.json",
                     *         "postmanEnvironment": "/api/docs/postman-environment.json",
                     *         "health": "/health/ready"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ApiIndex"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listImportJobs: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest import jobs. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "jobId": "0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70",
                     *           "source": "tmdb",
                     *           "request": {
                     *             "kind": "trending",
                     *             "window": "week",
                     *             "pages": 5,
                     *             "details": false
                     *           },
                     *           "status": "completed",
                     *           "requestedBy": "7d1c9a8e-2b3f-4e5d-8c7b-6a5f4e3d2c1b",
                     *           "requestedAt": "2026-11-24T10:00:00.000Z",
                     *           "startedAt": "2026-11-24T10:00:00.120Z",
                     *           "finishedAt": "2026-11-24T10:00:03.400Z",
                     *           "counts": {
                     *             "imported": 97,
                     *             "skipped": 3,
                     *             "failed": 0
                     *           },
                     *           "error": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ImportJobList"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestImport: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description What to import: trending movies, or movies by id (`kind` tells which). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "source": "tmdb",
                 *       "kind": "trending",
                 *       "window": "week",
                 *       "pages": 5
                 *     }
                 */
                "application/json": components["schemas"]["ImportRequest"];
            };
        };
        responses: {
            /** @description The import was asked for: follow the job at `Location`. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency-Token": components["headers"]["X-Consistency-Token"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70",
                     *       "status": "requested",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["ImportAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             *     - `TMDB_NOT_CONFIGURED`: TMDb imports need TMDB_READ_TOKEN or TMDB_API_KEY on the server
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getImportJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An import job and its outcome. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70",
                     *       "source": "tmdb",
                     *       "request": {
                     *         "kind": "trending",
                     *         "window": "week",
                     *         "pages": 5,
                     *         "details": false
                     *       },
                     *       "status": "completed",
                     *       "requestedBy": "7d1c9a8e-2b3f-4e5d-8c7b-6a5f4e3d2c1b",
                     *       "requestedAt": "2026-11-24T10:00:00.000Z",
                     *       "startedAt": "2026-11-24T10:00:00.120Z",
                     *       "finishedAt": "2026-11-24T10:00:03.400Z",
                     *       "counts": {
                     *         "imported": 97,
                     *         "skipped": 3,
                     *         "failed": 0
                     *       },
                     *       "error": null
                     *     }
                     */
                    "application/json": components["schemas"]["ImportJob"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `IMPORT_NOT_FOUND`: no import job has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProjectionStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where every projection stands, against the head of the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkedAt": "2026-11-24T10:00:05.000Z",
                     *       "eventStore": "postgres",
                     *       "head": "00000000005f8f4300000000000186a0",
                     *       "projections": [
                     *         {
                     *           "name": "user_ratings",
                     *           "kind": "postgres",
                     *           "codeVersion": 1,
                     *           "activeGeneration": 2,
                     *           "generations": [
                     *             {
                     *               "generation": 2,
                     *               "version": 1,
                     *               "kind": "postgres",
                     *               "active": true,
                     *               "state": "live",
                     *               "checkpoint": "00000000005f8f4300000000000186a0",
                     *               "eventsApplied": 54540,
                     *               "lastEventAt": "2026-11-24T10:00:04.800Z",
                     *               "lag": {
                     *                 "events": 0,
                     *                 "seconds": 0
                     *               },
                     *               "owner": "projector-7c9d/1",
                     *               "heartbeatAt": "2026-11-24T10:00:04.810Z",
                     *               "ownerAlive": true,
                     *               "error": null
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ProjectionStatus"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rebuildProjection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example user_ratings */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rebuild runs: follow it at GET /api/v1/admin/projections. */
            202: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "projection": "user_ratings",
                     *       "generation": 3,
                     *       "status": "rebuilding"
                     *     }
                     */
                    "application/json": components["schemas"]["RebuildStarted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `PROJECTION_NOT_FOUND`: no projection has this name (reactors are not rebuilt over HTTP)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `REBUILD_RUNNING`: a rebuild of this projection is already running (here or in another process)
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    skipPoisonEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example user_ratings */
                name: string;
            };
            cookie?: never;
        };
        /** @description Where to move the stopped generation: the position of the poison event it stopped on. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "position": "000000000000031a0000000000000042"
                 *     }
                 */
                "application/json": components["schemas"]["SkipPoisonEvent"];
            };
        };
        responses: {
            /** @description The stopped generation now resumes after `position`. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "projection": "user_ratings",
                     *       "generation": 2,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["PoisonEventSkipped"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `PROJECTION_NOT_FOUND`: no projection has this name (reactors are not rebuilt over HTTP)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `NOTHING_TO_SKIP`: the projection is not stopped on a poison event, or the position is not one it may move to
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecommenderStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The serving model, models being trained and the last evaluation. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "serving": {
                     *         "id": 7,
                     *         "model": "ease-session(lambda=75, tau=300s, mix=0.25, minSupport=5, neighbours=200)",
                     *         "trainedAt": "2026-12-06T10:00:00.000Z",
                     *         "users": 610,
                     *         "items": 9724,
                     *         "interactions": 100836,
                     *         "durationMs": 95000,
                     *         "jobId": "1b4e28ba-2fa1-4d2b-9e3c-6a3d2c1b0a99",
                     *         "report": null
                     *       },
                     *       "building": []
                     *     }
                     */
                    "application/json": components["schemas"]["RecommenderStatus"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStreamHistory: {
        parameters: {
            query?: {
                /** @description First revision */
                from?: number;
                limit?: number;
            };
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /**
                 * @description The stream: `movie-<id>`, `user-<id>`, `comment-<id>`, `interaction-<user>-<movie>`, `job-<id>`
                 * @example movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99
                 */
                stream: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events of one stream in revision order. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "stream": "movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *       "revision": 0,
                     *       "more": false,
                     *       "events": [
                     *         {
                     *           "position": "000000000000031a0000000000000042",
                     *           "id": "9b2f6a4e-1c3d-4e5f-8a7b-6c5d4e3f2a1b",
                     *           "type": "MovieAdded",
                     *           "stream": "movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "revision": 0,
                     *           "createdAt": "2026-11-24T10:00:00.000Z",
                     *           "data": {
                     *             "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *             "title": "Silent Harbor",
                     *             "year": 2024,
                     *             "genres": [
                     *               "Drama"
                     *             ]
                     *           },
                     *           "metadata": {
                     *             "actorId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *             "correlationId": "a1b2c3"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StreamHistory"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `STREAM_NOT_FOUND`: the event store has no stream of this name (no event was ever appended to it)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUserAccounts: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description What the account may do */
                role?: "user" | "analyst" | "moderator" | "admin";
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of accounts. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *           "username": "ada",
                     *           "email": "ada@example.com",
                     *           "displayName": "Ada L.",
                     *           "favouriteGenres": [
                     *             "drama",
                     *             "science-fiction"
                     *           ],
                     *           "ratingsPublic": true,
                     *           "role": "user",
                     *           "registeredAt": "2026-11-24T10:00:00.000Z",
                     *           "updatedAt": "2026-11-24T10:05:00.000Z",
                     *           "erasedAt": null
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AccountPage"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUserAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An account as its owner (or an admin) sees it. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "username": "ada",
                     *       "email": "ada@example.com",
                     *       "displayName": "Ada L.",
                     *       "favouriteGenres": [
                     *         "drama",
                     *         "science-fiction"
                     *       ],
                     *       "ratingsPublic": true,
                     *       "role": "user",
                     *       "registeredAt": "2026-11-24T10:00:00.000Z",
                     *       "updatedAt": "2026-11-24T10:05:00.000Z",
                     *       "erasedAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    eraseUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changeUserRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description The role to give. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "role": "analyst"
                 *     }
                 */
                "application/json": components["schemas"]["RoleChange"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `CANNOT_DEMOTE_SELF`: an admin takes the admin role from themselves
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A username or email and its password. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "login": "ada",
                 *       "password": "correct horse battery"
                 *     }
                 */
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description A new access token and refresh token. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
                     *       "tokenType": "Bearer",
                     *       "expiresIn": 900,
                     *       "refreshToken": "nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ",
                     *       "refreshTokenExpiresAt": "2026-12-24T10:00:00.000Z",
                     *       "userId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "role": "user",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `INVALID_CREDENTIALS`: the username, email or password is wrong (or the account was erased)
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             *     - `TOO_MANY_FAILED_ATTEMPTS`: too many failed password checks on this account: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A refresh token to spend (refresh) or revoke (logout). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshTokenInput"];
            };
        };
        responses: {
            /** @description Signed out (whether the token was known or not) */
            204: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A refresh token to spend (refresh) or revoke (logout). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshTokenInput"];
            };
        };
        responses: {
            /** @description A new access token and refresh token. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
                     *       "tokenType": "Bearer",
                     *       "expiresIn": 900,
                     *       "refreshToken": "nxr_3q2-7wEvPjX0uM1Zt8b6yK9dA4sLhGfRcN5eTiOoUvQ",
                     *       "refreshTokenExpiresAt": "2026-12-24T10:00:00.000Z",
                     *       "userId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "role": "user",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `INVALID_REFRESH_TOKEN`: the refresh token is unknown, expired or revoked
             *     - `REFRESH_TOKEN_REUSED`: a refresh token was presented a second time: its whole session is revoked
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A new account. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "ada",
                 *       "email": "ada@example.com",
                 *       "password": "correct horse battery",
                 *       "displayName": "Ada L."
                 *     }
                 */
                "application/json": components["schemas"]["Registration"];
            };
        };
        responses: {
            /** @description The new account: its id, its username as stored, and the position of its registration. */
            201: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "userId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "username": "ada",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["Registered"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             *     - `WEAK_PASSWORD`: the new password is too short, too long or a common password
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `EMAIL_TAKEN`: another account holds this email
             *     - `USERNAME_TAKEN`: another account holds this username (compared after normalisation)
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `DISPLAY_NAME_TOO_LONG`: the display name is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteComment: {
        parameters: {
            query?: {
                /** @example spoilers without warning */
                reason?: string;
            };
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `NOT_COMMENT_AUTHOR`: someone other than the author edits a comment, or deletes it without the admin role
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    editComment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description The new text of a comment. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "The last shot stayed with me for days."
                 *     }
                 */
                "application/json": components["schemas"]["CommentChange"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `NOT_COMMENT_AUTHOR`: someone other than the author edits a comment, or deletes it without the admin role
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `COMMENT_HIDDEN`: the comment was hidden by a moderator: it cannot be edited or liked until restored
             *     - `COMMENT_LENGTH`: the text is empty after trimming or longer than 2000 characters
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    likeComment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `COMMENT_HIDDEN`: the comment was hidden by a moderator: it cannot be edited or liked until restored
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlikeComment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportComment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Why a report is made or a moderation decision taken. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "reveals the ending without a warning"
                 *     }
                 */
                "application/json": components["schemas"]["ModerationDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `CANNOT_REPORT_OWN`: a user reports their own comment
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /**
                 * @description Only events after this position (exclusive): the `next` of the previous response
                 * @example 000000000000031a0000000000000042
                 */
                after?: string;
                /** @description At most this many events */
                limit?: number;
                /**
                 * @description Only events stored at or after this instant (ISO 8601 date, or date-time with a zone)
                 * @example 2026-11-24T00:00:00Z
                 */
                since?: string;
                /**
                 * @description Only streams whose name starts with it
                 * @example interaction-
                 */
                streamPrefix?: string;
                /**
                 * @description Only these event types, comma-separated
                 * @example RatingGiven,RatingRemoved
                 */
                types?: string;
                /**
                 * @description Only events stored before this instant (exclusive)
                 * @example 2026-11-25
                 */
                until?: string;
            };
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description NDJSON: one event per line, then the cursor line */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_DATE`: `since` or `until` is not a real date, or `since` is not before `until`
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGenres: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every genre of the catalogue, by name (the whole list: no pages). */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "slug": "science-fiction",
                     *           "name": "Science Fiction",
                     *           "movieCount": 42
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GenreList"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createGenre: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A genre name: trimmed; its slug (lower case, letters and digits) must be new. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Science Fiction"
                 *     }
                 */
                "application/json": components["schemas"]["GenreInput"];
            };
        };
        responses: {
            /** @description The new genre and the position of its GenreCreated. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency-Token": components["headers"]["X-Consistency-Token"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "slug": "science-fiction",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["GenreCreated"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             *     - `GENRE_EXISTS`: another genre has this name (compared by slug): merge instead of renaming
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `GENRE_NAME_REQUIRED`: the genre name has no letter or digit
             *     - `GENRE_TOO_LONG`: a genre name is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeGenre: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /**
                 * @description The genre's slug (as GET /genres lists it)
                 * @example science-fiction
                 */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `GENRE_NOT_FOUND`: no genre has this slug (created by an admin or used by a listed movie)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             *     - `GENRE_IN_USE`: the genre to remove is on listed movies: merge it into another genre instead
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    renameGenre: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /**
                 * @description The genre's slug (as GET /genres lists it)
                 * @example science-fiction
                 */
                slug: string;
            };
            cookie?: never;
        };
        /** @description A genre name: trimmed; its slug (lower case, letters and digits) must be new. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Science Fiction"
                 *     }
                 */
                "application/json": components["schemas"]["GenreInput"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `GENRE_NOT_FOUND`: no genre has this slug (created by an admin or used by a listed movie)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             *     - `GENRE_EXISTS`: another genre has this name (compared by slug): merge instead of renaming
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `GENRE_NAME_REQUIRED`: the genre name has no letter or digit
             *     - `GENRE_TOO_LONG`: a genre name is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    mergeGenres: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /**
                 * @description The genre's slug (as GET /genres lists it)
                 * @example science-fiction
                 */
                slug: string;
            };
            cookie?: never;
        };
        /** @description Genres to merge into the one in the path. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "sources": [
                 *         "sci-fi",
                 *         "scifi"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["GenreMergeInput"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `GENRE_NOT_FOUND`: no genre has this slug (created by an admin or used by a listed movie)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `GENRE_MERGE_INVALID`: a merge names no source, or its target among its sources
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMyAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An account as its owner (or an admin) sees it. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "username": "ada",
                     *       "email": "ada@example.com",
                     *       "displayName": "Ada L.",
                     *       "favouriteGenres": [
                     *         "drama",
                     *         "science-fiction"
                     *       ],
                     *       "ratingsPublic": true,
                     *       "role": "user",
                     *       "registeredAt": "2026-11-24T10:00:00.000Z",
                     *       "updatedAt": "2026-11-24T10:05:00.000Z",
                     *       "erasedAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    eraseMyAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The password, to confirm who asks. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "correct horse battery"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordConfirmation"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `WRONG_PASSWORD`: the current password given to confirm the change is wrong
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             *     - `TOO_MANY_FAILED_ATTEMPTS`: too many failed password checks on this account: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateMyProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The profile fields to change (at least one). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "displayName": "Ada L.",
                 *       "favouriteGenres": [
                 *         "drama",
                 *         "science-fiction"
                 *       ],
                 *       "ratingsPublic": true
                 *     }
                 */
                "application/json": components["schemas"]["ProfileChanges"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `DISPLAY_NAME_TOO_LONG`: the display name is longer than allowed
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyFavorites: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my favourites. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "removed": false,
                     *           "favoritedAt": "2026-11-24T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["FavoritePage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyViewings: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my watch history. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11",
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "removed": false,
                     *           "progress": 0.85,
                     *           "watchedAt": "2026-11-24T20:15:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ViewingPage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changeMyPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The current password and the new one. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "correct horse battery",
                 *       "newPassword": "staple battery horse correct"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             *     - `WEAK_PASSWORD`: the new password is too short, too long or a common password
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `WRONG_PASSWORD`: the current password given to confirm the change is wrong
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             *     - `TOO_MANY_FAILED_ATTEMPTS`: too many failed password checks on this account: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyRatings: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my ratings. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "stars": 4,
                     *           "review": null,
                     *           "ratedAt": "2026-11-24T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["MyRatingPage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyRecommendations: {
        parameters: {
            query?: {
                /** @example science-fiction */
                genre?: string;
                limit?: number;
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A user's recommendations, best first. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Cache": components["headers"]["X-Cache"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "genres": [
                     *             "Drama",
                     *             "Mystery"
                     *           ],
                     *           "score": 0.8731,
                     *           "reason": "because you liked Iron Garden",
                     *           "because": {
                     *             "movieId": "9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11",
                     *             "title": "Iron Garden"
                     *           }
                     *         }
                     *       ],
                     *       "personalShare": 0.7692,
                     *       "model": {
                     *         "id": 3,
                     *         "name": "item-knn(neighbours=200, shrink=10)",
                     *         "trainedAt": "2026-11-24T03:00:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RecommendationList"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    dismissRecommendation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                movieId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyWatchlist: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my watchlist. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "removed": false,
                     *           "watchlistedAt": "2026-11-24T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["WatchlistPage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    hideComment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Why a report is made or a moderation decision taken. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "reveals the ending without a warning"
                 *     }
                 */
                "application/json": components["schemas"]["ModerationDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCommentHistory: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every event of a comment, oldest first: who did what and why. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "commentId": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
                     *       "events": [
                     *         {
                     *           "position": "000000000000031a0000000000000042",
                     *           "type": "CommentHidden",
                     *           "at": "2026-11-24T10:05:00.000Z",
                     *           "actorId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a44",
                     *           "reason": "insults another user"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CommentHistory"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreComment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Why a report is made or a moderation decision taken. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "reveals the ending without a warning"
                 *     }
                 */
                "application/json": components["schemas"]["ModerationDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    markCommentSpoiler: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Whether the comment is a spoiler, and why. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "spoiler": true,
                 *       "reason": "reveals the ending"
                 *     }
                 */
                "application/json": components["schemas"]["SpoilerDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `COMMENT_NOT_FOUND`: no comment has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_DELETED`: the comment was deleted
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listModerationQueue: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                status?: "open" | "hidden" | "resolved" | "deleted";
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the moderation queue. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "commentId": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "authorId": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *           "parentId": null,
                     *           "text": "The butler did it, by the way.",
                     *           "status": "open",
                     *           "reportCount": 2,
                     *           "openReports": 2,
                     *           "hidden": false,
                     *           "spoiler": false,
                     *           "lastDecision": null,
                     *           "reports": [
                     *             {
                     *               "reportedBy": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
                     *               "reason": "reveals the ending",
                     *               "reportedAt": "2026-11-24T10:00:00.000Z"
                     *             }
                     *           ],
                     *           "updatedAt": "2026-11-24T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ModerationQueuePage"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reinstateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Why a report is made or a moderation decision taken. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "reveals the ending without a warning"
                 *     }
                 */
                "application/json": components["schemas"]["ModerationDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `CANNOT_MODERATE_STAFF`: a moderator suspends or reinstates a moderator or an admin (only an admin does)
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `CANNOT_SUSPEND_SELF`: a moderator or admin suspends themselves
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    suspendUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Why a report is made or a moderation decision taken. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "reveals the ending without a warning"
                 *     }
                 */
                "application/json": components["schemas"]["ModerationDecision"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `CANNOT_MODERATE_STAFF`: a moderator suspends or reinstates a moderator or an admin (only an admin does)
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `CANNOT_SUSPEND_SELF`: a moderator or admin suspends themselves
             *     - `REASON_REQUIRED`: a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason
             *     - `REASON_TOO_LONG`: the reason is longer than allowed
             *     - `USER_ERASED`: the user was erased
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMovies: {
        parameters: {
            query?: {
                cursor?: string;
                /**
                 * @description One genre slug or name, or several separated by commas (any of them)
                 * @example drama,science-fiction
                 */
                genre?: string;
                limit?: number;
                /** @description Lowest average rating */
                minRating?: number;
                /**
                 * @description A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a source without ids (the demo catalogue). In a list query: only movies this person is in (cast, director or writer).
                 * @example 525
                 */
                person?: string;
                /** @description Full-text search in titles and overviews; the last word matches as a prefix, accents and case do not matter, and a word of 4 letters or more that no title holds is corrected towards the title words 1 edit away (2 from 6 letters on) */
                q?: string;
                /** @description Default: relevance with q, popularity without */
                sort?: "popularity" | "rating" | "release" | "title" | "newest" | "relevance";
                /**
                 * @description A tag; repeat it (`tag=a&tag=b`) for movies with every one of them
                 * @example [
                 *       "time travel"
                 *     ]
                 */
                tag?: string[];
                /** @description Earliest year; leaves out movies whose year is unknown */
                yearFrom?: number;
                /** @description Latest year; leaves out movies whose year is unknown */
                yearTo?: number;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of movies. No total: counting every match of a search or filter costs as much as reading them all, which keyset pages exist to avoid; `GET /genres` counts the movies of each genre. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "releaseDate": "2024-03-08",
                     *           "genres": [
                     *             "Drama",
                     *             "Mystery"
                     *           ],
                     *           "averageRating": 4.25,
                     *           "ratingCount": 4,
                     *           "favorites": 2,
                     *           "likes": 3,
                     *           "popularity": 16,
                     *           "externalIds": {
                     *             "movielens": 6,
                     *             "imdb": "tt0113277",
                     *             "tmdb": 949
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["MoviePage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A movie to add. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Silent Harbor",
                 *       "year": 2024,
                 *       "genres": [
                 *         "Drama",
                 *         "Mystery"
                 *       ],
                 *       "overview": "A lighthouse keeper finds a boat with no crew.",
                 *       "releaseDate": "2024-03-08"
                 *     }
                 */
                "application/json": components["schemas"]["MovieInput"];
            };
        };
        responses: {
            /** @description The new movie and the position of its MovieAdded. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency-Token": components["headers"]["X-Consistency-Token"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["MovieCreated"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             *     - `MOVIE_EXISTS`: a movie with this id exists already
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `GENRE_REQUIRED`: no genre is left after trimming
             *     - `GENRE_TOO_LONG`: a genre name is longer than allowed
             *     - `INVALID_RELEASE_DATE`: releaseDate is not a calendar date
             *     - `OVERVIEW_TOO_LONG`: the overview is longer than allowed
             *     - `RELEASE_DATE_NOT_IN_YEAR`: releaseDate is not in the movie's year
             *     - `TITLE_REQUIRED`: the title is blank
             *     - `TITLE_TOO_LONG`: the title is longer than allowed
             *     - `YEAR_OUT_OF_RANGE`: the year is before the first films or more than ten years ahead
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMovie: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One movie with its aggregates and, with a bearer token, the viewer's own rating, favourite and like. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *       "title": "Silent Harbor",
                     *       "year": 2024,
                     *       "releaseDate": "2024-03-08",
                     *       "genres": [
                     *         "Drama",
                     *         "Mystery"
                     *       ],
                     *       "averageRating": 4.25,
                     *       "ratingCount": 4,
                     *       "favorites": 2,
                     *       "likes": 3,
                     *       "popularity": 16,
                     *       "externalIds": {
                     *         "movielens": 6,
                     *         "imdb": "tt0113277",
                     *         "tmdb": 949
                     *       },
                     *       "overview": "A lighthouse keeper finds a boat with no crew.",
                     *       "addedAt": "2026-11-24T10:00:00.000Z",
                     *       "updatedAt": "2026-11-24T10:00:00.000Z",
                     *       "ratingHistogram": {
                     *         "1": 0,
                     *         "2": 0,
                     *         "3": 1,
                     *         "4": 1,
                     *         "5": 2
                     *       },
                     *       "comments": 0,
                     *       "watches": 6,
                     *       "tags": [
                     *         {
                     *           "tag": "lighthouse",
                     *           "curated": true,
                     *           "count": 3
                     *         },
                     *         {
                     *           "tag": "slow burn",
                     *           "curated": false,
                     *           "count": 2
                     *         }
                     *       ],
                     *       "runtime": 112,
                     *       "originalLanguage": "en",
                     *       "tagline": "Nobody came back. Something did.",
                     *       "images": {
                     *         "poster": {
                     *           "small": "https://image.tmdb.org/t/p/w185/kyeqWdyUXW608qlYkRqosgbbJyK.jpg",
                     *           "medium": "https://image.tmdb.org/t/p/w500/kyeqWdyUXW608qlYkRqosgbbJyK.jpg",
                     *           "original": "https://image.tmdb.org/t/p/original/kyeqWdyUXW608qlYkRqosgbbJyK.jpg"
                     *         },
                     *         "backdrop": null
                     *       },
                     *       "cast": [
                     *         {
                     *           "person": {
                     *             "id": "1892",
                     *             "name": "Matt Damon",
                     *             "image": null
                     *           },
                     *           "character": "Keeper",
                     *           "order": 0
                     *         }
                     *       ],
                     *       "crew": [
                     *         {
                     *           "person": {
                     *             "id": "name-sofia-coppola",
                     *             "name": "Sofia Coppola",
                     *             "image": null
                     *           },
                     *           "role": "director",
                     *           "job": "Director"
                     *         }
                     *       ],
                     *       "me": {
                     *         "rating": {
                     *           "stars": 5,
                     *           "review": null,
                     *           "ratedAt": "2026-11-24T11:00:00.000Z"
                     *         },
                     *         "favorite": true,
                     *         "liked": false,
                     *         "tags": [
                     *           "slow burn"
                     *         ],
                     *         "watchlisted": false
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Movie"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeMovie: {
        parameters: {
            query?: {
                /** @example duplicate entry */
                reason?: string;
            };
            header?: {
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changeMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description The fields to change (at least one). */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Silent Harbour",
                 *       "genres": [
                 *         "Drama"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["MovieChanges"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `GENRE_REQUIRED`: no genre is left after trimming
             *     - `GENRE_TOO_LONG`: a genre name is longer than allowed
             *     - `INVALID_RELEASE_DATE`: releaseDate is not a calendar date
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `OVERVIEW_TOO_LONG`: the overview is longer than allowed
             *     - `RELEASE_DATE_NOT_IN_YEAR`: releaseDate is not in the movie's year
             *     - `TITLE_REQUIRED`: the title is blank
             *     - `TITLE_TOO_LONG`: the title is longer than allowed
             *     - `YEAR_OUT_OF_RANGE`: the year is before the first films or more than ten years ahead
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMovieComments: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sort?: "newest" | "liked";
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of a movie's comment threads. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
                     *           "author": {
                     *             "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *             "displayName": "Ada L.",
                     *             "erased": false
                     *           },
                     *           "text": "The last shot stayed with me.",
                     *           "deleted": false,
                     *           "hidden": false,
                     *           "spoiler": false,
                     *           "addedAt": "2026-11-24T10:00:00.000Z",
                     *           "editedAt": null,
                     *           "likes": 3,
                     *           "likedByMe": true,
                     *           "replyCount": 1,
                     *           "replies": [
                     *             {
                     *               "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a02",
                     *               "author": {
                     *                 "id": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
                     *                 "displayName": null,
                     *                 "erased": true
                     *               },
                     *               "text": null,
                     *               "deleted": true,
                     *               "hidden": false,
                     *               "spoiler": false,
                     *               "addedAt": "2026-11-24T10:00:00.000Z",
                     *               "editedAt": null,
                     *               "likes": 0,
                     *               "likedByMe": false
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["CommentThreadPage"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_CURSOR`: the cursor was not issued by this API for the same query
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addComment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description A comment, or a reply with `parentId`. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "The last shot stayed with me.",
                 *       "parentId": null
                 *     }
                 */
                "application/json": components["schemas"]["CommentInput"];
            };
        };
        responses: {
            /** @description The new comment and the position of its CommentAdded. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency-Token": components["headers"]["X-Consistency-Token"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01",
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommentCreated"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `COMMENT_LENGTH`: the text is empty after trimming or longer than 2000 characters
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `PARENT_DELETED`: the comment replied to was deleted
             *     - `PARENT_NOT_FOUND`: the comment replied to does not exist on this movie
             *     - `REPLY_TO_REPLY`: the comment replied to is itself a reply: threads are one level deep
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addCuratedTag: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
                /**
                 * @description The tag, percent-encoded; trimmed and lower-cased by the server (at most 50 characters then)
                 * @example time travel
                 */
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `TAG_INVALID`: the tag holds a control character
             *     - `TAG_REQUIRED`: the tag is blank after trimming
             *     - `TAG_TOO_LONG`: the tag is longer than allowed after normalising
             *     - `TOO_MANY_TAGS`: more than 30 curated tags on a movie, or 20 of one user's on a movie
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeCuratedTag: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
                /**
                 * @description The tag, percent-encoded; trimmed and lower-cased by the server (at most 50 characters then)
                 * @example time travel
                 */
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `TAG_INVALID`: the tag holds a control character
             *     - `TAG_REQUIRED`: the tag is blank after trimming
             *     - `TAG_TOO_LONG`: the tag is longer than allowed after normalising
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    favoriteMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unfavoriteMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    likeMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlikeMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rateMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description A rating to give. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stars": 3.5,
                 *       "review": "Slow start, great ending."
                 *     }
                 */
                "application/json": components["schemas"]["RatingInput"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeMovieRating: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSimilarMovies: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The movies nearest to one movie, best first. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "movieId": "9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11",
                     *       "title": "Iron Garden",
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "genres": [
                     *             "Drama",
                     *             "Mystery"
                     *           ],
                     *           "score": 0.8731,
                     *           "reason": "people who liked Iron Garden also liked it; also Drama"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SimilarMovieList"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tagMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
                /**
                 * @description The tag, percent-encoded; trimmed and lower-cased by the server (at most 50 characters then)
                 * @example time travel
                 */
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `TAG_INVALID`: the tag holds a control character
             *     - `TAG_REQUIRED`: the tag is blank after trimming
             *     - `TAG_TOO_LONG`: the tag is longer than allowed after normalising
             *     - `TOO_MANY_TAGS`: more than 30 curated tags on a movie, or 20 of one user's on a movie
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    untagMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
                /**
                 * @description The tag, percent-encoded; trimmed and lower-cased by the server (at most 50 characters then)
                 * @example time travel
                 */
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `TAG_INVALID`: the tag holds a control character
             *     - `TAG_REQUIRED`: the tag is blank after trimming
             *     - `TAG_TOO_LONG`: the tag is longer than allowed after normalising
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordViewing: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        /** @description A viewing to record. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "progress": 0.85,
                 *       "watchedAt": "2026-11-24T20:15:00.000Z"
                 *     }
                 */
                "application/json": components["schemas"]["ViewingInput"];
            };
        };
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `EMPTY_BODY`: the content type is JSON but the body is empty
             *     - `INVALID_JSON`: the body is not valid JSON
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Payload too large:
             *     - `BODY_TOO_LARGE`: the body is larger than 256 KiB
             */
            413: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unsupported media type:
             *     - `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`
             */
            415: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             *     - `PROGRESS_OUT_OF_RANGE`: progress is not from 0 to 1
             *     - `WATCHED_IN_FUTURE`: watchedAt is later than now
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    watchlistMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `MOVIE_NOT_FOUND`: no movie has this id (or it was removed, for queries)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Refused by a domain rule:
             *     - `MOVIE_REMOVED`: the movie was removed from the catalogue
             */
            422: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unwatchlistMovie: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any unique string per logical request (a UUID is fine). A retry with the same key answers the original result and never appends again.
                 * @example 5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d
                 */
                "idempotency-key"?: components["parameters"]["IdempotencyKey"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command was decided: what changed and where in the log. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "changed": true,
                     *       "position": "000000000000031a0000000000000042"
                     *     }
                     */
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `USER_SUSPENDED`: the signed-in user is suspended by a moderator: they read, but every command is refused
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Conflict:
             *     - `CONCURRENT_MODIFICATION`: the same stream kept changing while the command ran; retrying is safe
             */
            409: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTrendingMovies: {
        parameters: {
            query?: {
                /** @example science-fiction */
                genre?: string;
                limit?: number;
                window?: "day" | "week" | "all";
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The most interacted-with movies of the window, best first. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Cache": components["headers"]["X-Cache"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "window": "day",
                     *       "genre": null,
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "genres": [
                     *             "Drama",
                     *             "Mystery"
                     *           ],
                     *           "score": 17
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TrendingList"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPerson: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /**
                 * @description A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a source without ids (the demo catalogue). In a list query: only movies this person is in (cast, director or writer).
                 * @example 525
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A person from imported credits (top-billed cast, directors, writers) and their movies. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "1892",
                     *       "tmdbId": 1892,
                     *       "name": "Matt Damon",
                     *       "image": null,
                     *       "credits": [
                     *         {
                     *           "movie": {
                     *             "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *             "title": "Silent Harbor",
                     *             "year": 2024,
                     *             "poster": null
                     *           },
                     *           "roles": [
                     *             "cast"
                     *           ],
                     *           "character": "Keeper",
                     *           "jobs": []
                     *         }
                     *       ],
                     *       "truncated": false
                     *     }
                     */
                    "application/json": components["schemas"]["Person"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `PERSON_NOT_FOUND`: no person has this id in the catalogue (people come from imported credits)
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    suggest: {
        parameters: {
            query: {
                /** @description Most movie suggestions */
                limit?: number;
                /** @description What was typed so far: every word begins a title word, the last may be unfinished; accents and case do not matter and a typo in a word of 4 letters or more is forgiven */
                q: string;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Suggestions by kind: movies first (best first), then people, then genres, then tags. No pages: a few items for a list under a search box. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "kind": "movie",
                     *           "label": "The Matrix",
                     *           "id": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "The Matrix",
                     *           "year": 1999
                     *         },
                     *         {
                     *           "kind": "genre",
                     *           "label": "Mystery",
                     *           "slug": "mystery",
                     *           "name": "Mystery",
                     *           "movieCount": 42
                     *         },
                     *         {
                     *           "kind": "tag",
                     *           "label": "time travel",
                     *           "tag": "time travel",
                     *           "movieCount": 12
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SuggestionList"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTags: {
        parameters: {
            query?: {
                limit?: number;
                /** @example time */
                prefix?: string;
            };
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tags in use, most used first (ties by name). */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "tag": "time travel",
                     *           "movieCount": 12,
                     *           "uses": 40
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TagList"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPublicProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the copy you hold: 304 Not Modified (no body) while it is still current. */
                "if-none-match"?: components["parameters"]["IfNoneMatch"];
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What anyone may see of a user: never the email, role or anything not made public. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11",
                     *       "displayName": "Ada L.",
                     *       "ratingsPublic": true,
                     *       "commentCount": 12,
                     *       "ratingCount": 48,
                     *       "ratings": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "stars": 4,
                     *           "review": "Slow start, great ending.",
                     *           "ratedAt": "2026-11-24T10:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PublicProfile"];
                };
            };
            /** @description Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy. */
            304: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    ETag: components["headers"]["ETag"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUserRecommendations: {
        parameters: {
            query?: {
                /** @example science-fiction */
                genre?: string;
                limit?: number;
            };
            header?: {
                /** @description The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had. */
                "x-consistency-token"?: components["parameters"]["XConsistencyToken"];
                /** @description Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed. */
                "x-request-id"?: components["parameters"]["XRequestId"];
            };
            path: {
                /** @example 3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A user's recommendations, best first. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["Cache-Control"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Cache": components["headers"]["X-Cache"];
                    "X-Consistency": components["headers"]["X-Consistency"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "movieId": "3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99",
                     *           "title": "Silent Harbor",
                     *           "year": 2024,
                     *           "genres": [
                     *             "Drama",
                     *             "Mystery"
                     *           ],
                     *           "score": 0.8731,
                     *           "reason": "because you liked Iron Garden",
                     *           "because": {
                     *             "movieId": "9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11",
                     *             "title": "Iron Garden"
                     *           }
                     *         }
                     *       ],
                     *       "personalShare": 0.7692,
                     *       "model": {
                     *         "id": 3,
                     *         "name": "item-knn(neighbours=200, shrink=10)",
                     *         "trainedAt": "2026-11-24T03:00:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RecommendationList"];
                };
            };
            /**
             * @description Bad request:
             *     - `INVALID_CONSISTENCY_TOKEN`: X-Consistency-Token is not a position a command answered
             *     - `INVALID_URL`: the path is not valid percent-encoded UTF-8
             *     - `VALIDATION_FAILED`: a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\u0000) or an unpaired surrogate
             */
            400: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Unauthenticated:
             *     - `UNAUTHENTICATED`: the bearer access token is missing, invalid, expired or of an ended session
             */
            401: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Forbidden:
             *     - `FORBIDDEN`: the signed-in user lacks the role this operation needs
             */
            403: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Not found:
             *     - `USER_NOT_FOUND`: no user has this id
             */
            404: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description URI too long:
             *     - `URI_TOO_LONG`: a path parameter is longer than 100 characters
             */
            414: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Too many requests:
             *     - `RATE_LIMITED`: too many requests in the window: wait the seconds in Retry-After
             */
            429: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description Service unavailable:
             *     - `SERVICE_UNAVAILABLE`: PostgreSQL, Redis or the event store is unreachable: retry after Retry-After
             */
            503: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
