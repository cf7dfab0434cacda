// Generated from openapi.yaml by `npm run generate`. Do not edit.
export interface JobTypeSchemas {
    "echo": {
        payload: components["schemas"]["EchoJobPayload"];
        result: components["schemas"]["EchoJobResult"];
    };
    "word-count": {
        payload: components["schemas"]["WordCountJobPayload"];
        result: components["schemas"]["WordCountJobResult"];
    };
    "sha256": {
        payload: components["schemas"]["Sha256JobPayload"];
        result: components["schemas"]["Sha256JobResult"];
    };
    "csv-stats": {
        payload: components["schemas"]["CsvStatsJobPayload"];
        result: components["schemas"]["CsvStatsJobResult"];
    };
}
export interface DefaultedParameters {
    listUsers: {
        query: "limit";
    };
    listJobs: {
        query: "limit";
    };
}
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and version */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, the published contract */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register with email and password; a confirmation code is sent by email */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a registration with the emailed code */
        post: operations["confirmSignUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/resend-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the confirmation code again */
        post: operations["resendConfirmationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange email and password for tokens */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new ID and access tokens */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every profile, paginated (admins only) */
        get: operations["listUsers"];
        put?: never;
        /** Create the caller's profile (admins may create any) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /** A profile (its owner or an admin; anyone else gets 404) */
        get: operations["getUser"];
        /** Replace a profile's fields (its owner or an admin) */
        put: operations["updateUser"];
        post?: never;
        /** Delete a profile (its owner or an admin) */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/submit-job-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a job; poll statusUrl for its result */
        post: operations["submitJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned S3 POST to upload one file, then submit a job naming its uploadId
         * @description Answers a form upload (HTTP POST, multipart/form-data) to Amazon S3: send every `fields` entry as a form field, then the file as the last field, named `file`, to `url`. S3 itself refuses a file of another size than `contentLength`, another Content-Type, or a form sent after `expiresAt`. The file is kept for the UploadRetentionDays template parameter (one day by default), then deleted.
         */
        post: operations["createUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/job-status/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** A job's status, with a presigned result link once complete (owner only; anyone else gets 404) */
        get: operations["getJobStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{jobId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a failed job again (owner only; anyone else gets 404) */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued job, so it is never processed (owner only; anyone else gets 404) */
        post: operations["cancelJob"];
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
        /** @description RFC 9457 problem details. */
        Problem: {
            /** @description A URI reference naming the problem type. */
            type: string;
            title: string;
            /** @description The HTTP status code, repeated. Every problem carries it except the API's catch-all responses to errors it has no specific answer for, where only the status line says it. */
            status?: number;
            detail?: string;
            instance?: string;
            /** @description For validation problems, each failing field. */
            errors?: components["schemas"]["FieldError"][];
        };
        FieldError: {
            /** @description JSON pointer to the failing field (empty for the whole body). */
            pointer: string;
            message: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            version: string;
        };
        OpenApiDocument: {
            openapi: string;
            info: Record<string, never>;
            paths: Record<string, never>;
        };
        /** Format: email */
        Email: string;
        /** @description The user pool's policy, at least 8 characters with an upper-case letter, a lower-case letter and a number. */
        Password: string;
        /** @description 1 to 100 characters, not only spaces. */
        DisplayName: string;
        SignUpRequest: {
            email: components["schemas"]["Email"];
            password: components["schemas"]["Password"];
            name: components["schemas"]["DisplayName"];
        };
        SignUpResponse: {
            userSub: string;
            userConfirmed: boolean;
        };
        ConfirmSignUpRequest: {
            email: components["schemas"]["Email"];
            code: string;
        };
        ResendCodeRequest: {
            email: components["schemas"]["Email"];
        };
        LoginRequest: {
            email: components["schemas"]["Email"];
            password: string;
        };
        LoginResponse: {
            idToken: string;
            accessToken: string;
            refreshToken: string;
            /** @description Seconds until the ID and access tokens expire. */
            expiresIn: number;
            /** @enum {string} */
            tokenType: "Bearer";
        };
        RefreshRequest: {
            refreshToken: string;
        };
        RefreshResponse: {
            idToken: string;
            accessToken: string;
            expiresIn: number;
            /** @enum {string} */
            tokenType: "Bearer";
        };
        Bio: string;
        CreateUserRequest: {
            userId: string;
            name: components["schemas"]["DisplayName"];
            email?: components["schemas"]["Email"];
            bio?: components["schemas"]["Bio"];
        };
        UpdateUserRequest: {
            name: components["schemas"]["DisplayName"];
            email?: components["schemas"]["Email"];
            bio?: components["schemas"]["Bio"];
        };
        User: {
            userId: string;
            name: string;
            email?: string;
            bio?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UserPage: {
            items: components["schemas"]["User"][];
            nextToken?: string;
        };
        /**
         * @description The registered job types. Each type `t` has two schemas below: `<T>JobPayload`, what `payload` must be when submitting a `t` job, and `<T>JobResult`, the JSON document its result link serves, `<T>` being `t` in PascalCase (`word-count`: WordCountJobPayload, WordCountJobResult). Each schema's description says what the type does. A payload that does not match its type's schema is refused at submit with 400, naming each failing field. A type whose payload schema lists file content types also runs over an uploaded file (POST /uploads, then submit `uploadId` instead of `payload`); its result is the same document.
         * @enum {string}
         */
        JobType: "echo" | "word-count" | "sha256" | "csv-stats";
        /** @description `echo`: any JSON object. The result is the payload itself. */
        EchoJobPayload: {
            [key: string]: unknown;
        };
        /** @description The payload, unchanged. */
        EchoJobResult: {
            [key: string]: unknown;
        };
        /** @description `word-count`: counts the words, unique words, characters and lines of `text`, with the ten most frequent words. A word is a run of letters or digits in any script, with inner apostrophes or hyphens (don't, well-known), compared lower-cased. Other fields are ignored. Over a file (read as UTF-8), the file is the text. File content types: text/plain, text/csv, text/markdown, application/json. */
        WordCountJobPayload: {
            /** @description The text to count. */
            text: string;
        } & {
            [key: string]: unknown;
        };
        WordCountJobResult: {
            words: number;
            uniqueWords: number;
            /** @description Unicode code points of the text. */
            characters: number;
            /** @description 0 for an empty text. */
            lines: number;
            /** @description The most frequent words, most frequent first, ties in alphabetical order. */
            topWords: {
                word: string;
                count: number;
            }[];
        };
        /** @description `sha256`: any JSON object. The result is the SHA-256 digest of its canonical JSON (object keys sorted at every level), so the order of the keys does not change it. Over a file, the digest of the file's bytes as uploaded. File content types: text/plain, text/csv, text/markdown, application/json, application/octet-stream. */
        Sha256JobPayload: {
            [key: string]: unknown;
        };
        Sha256JobResult: {
            /** @enum {string} */
            algorithm: "sha256";
            /** @description Hex digest of the canonical JSON, or of the file. */
            digest: string;
            /** @description UTF-8 bytes of the canonical JSON, or the file's size. */
            bytes: number;
        };
        /** @description `csv-stats`: reads `text` as CSV (RFC 4180: comma-separated, double quotes around a field that holds commas, quotes or line breaks; the first record names the columns) and counts its rows and columns, with each column's type and smallest and largest value. Every record must have as many fields as the header: a record that does not fails the job, naming its line. Other fields are ignored. Over a file (read as UTF-8), the file is the text. File content types: text/csv. */
        CsvStatsJobPayload: {
            /** @description The CSV text, header first. */
            text: string;
        } & {
            [key: string]: unknown;
        };
        CsvStatsJobResult: {
            /** @description Records after the header. */
            rows: number;
            /** @description One entry per header field, in order. */
            columns: {
                name: string;
                /**
                 * @description `number` when every non-empty value is a decimal number, `empty` when no value is, `string` otherwise.
                 * @enum {string}
                 */
                type: "number" | "string" | "empty";
                /** @description Rows whose value is the empty string. */
                empty: number;
                /** @description The smallest non-empty value (numerically for a number column, else by UTF-16 code units); absent for an empty column. */
                min?: number | string;
                /** @description The largest non-empty value, compared as for min. */
                max?: number | string;
            }[];
        };
        /**
         * @description queued -> processing -> complete | failed; queued -> cancelled (POST /jobs/{jobId}/cancel); failed -> queued (POST /jobs/{jobId}/retry). complete and cancelled are final.
         * @enum {string}
         */
        JobStatus: "queued" | "processing" | "complete" | "failed" | "cancelled";
        /** @description Exactly one of `payload` and `uploadId` (the oneOf below, which API Gateway's request validator enforces); both or neither is refused with 400. */
        SubmitJobRequest: {
            jobType: "echo";
            payload: components["schemas"]["EchoJobPayload"];
            uploadId?: never;
        } | {
            jobType: "word-count";
            payload: components["schemas"]["WordCountJobPayload"];
            uploadId?: never;
        } | {
            jobType: "sha256";
            payload: components["schemas"]["Sha256JobPayload"];
            uploadId?: never;
        } | {
            jobType: "csv-stats";
            payload: components["schemas"]["CsvStatsJobPayload"];
            uploadId?: never;
        } | {
            jobType: components["schemas"]["JobType"];
            uploadId: components["schemas"]["UploadId"];
            payload?: never;
        };
        /** @description A file the caller uploaded (POST /uploads) as the job's input, instead of `payload`. It must be the caller's and uploaded (else 404), of a content type the job type reads (else 400). */
        UploadId: string;
        /**
         * @description The content types a file may be uploaded as; each job type reads some (see JobType).
         * @enum {string}
         */
        UploadContentType: "text/plain" | "text/csv" | "text/markdown" | "application/json" | "application/octet-stream";
        CreateUploadRequest: {
            contentType: components["schemas"]["UploadContentType"];
            /** @description The file's exact size in bytes. At most the UploadMaxBytes template parameter (100 MiB by default): larger is refused with 413. */
            contentLength: number;
            /** @description The file's name, for the caller's own records; not stored with the file. */
            fileName?: string;
        };
        Upload: {
            uploadId: components["schemas"]["UploadId"];
            /**
             * Format: uri
             * @description Where to POST the form.
             */
            url: string;
            /** @enum {string} */
            method: "POST";
            /** @description Form fields to send, each as is, before the file field (`file`). */
            fields: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description After this S3 refuses the form.
             */
            expiresAt: string;
        };
        SubmitJobResponse: {
            jobId: string;
            jobStatus: components["schemas"]["JobStatus"];
            /**
             * Format: uri
             * @description The absolute URL of this job's GET /job-status/{jobId} (the same as the Location header).
             */
            statusUrl: string;
        };
        Job: {
            jobId: string;
            jobType: components["schemas"]["JobType"];
            jobStatus: components["schemas"]["JobStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description A presigned S3 GET URL for the result; present once the job is complete. Expires after a short time. */
            jobProcessedPayload?: string;
            /** @description Why the job failed; present once the job has failed. */
            error?: string;
        };
        JobPage: {
            items: components["schemas"]["Job"][];
            nextToken?: string;
        };
    };
    responses: {
        /** @description The request does not match the contract. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, invalid or expired credentials. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Authenticated, but not allowed. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource visible to the caller. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource already exists. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The job is not in a state this action applies to (the detail names its state). */
        StateConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over a documented limit. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request conflicts with an earlier one (an Idempotency-Key reused with another body). */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many attempts; retry later. */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected failure. The body never carries internals. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency failed; the request may be retried. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        UserId: string;
        JobId: string;
        /** @description Page size. */
        Limit: number;
        /** @description The opaque `nextToken` of the previous page. */
        NextToken: string;
        /** @description Same key and same body return the same job; same key and another body are refused (422). Scoped per user. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];
export type Health = components['schemas']['Health'];
export type OpenApiDocument = components['schemas']['OpenApiDocument'];
export type Email = components['schemas']['Email'];
export type Password = components['schemas']['Password'];
export type DisplayName = components['schemas']['DisplayName'];
export type SignUpRequest = components['schemas']['SignUpRequest'];
export type SignUpResponse = components['schemas']['SignUpResponse'];
export type ConfirmSignUpRequest = components['schemas']['ConfirmSignUpRequest'];
export type ResendCodeRequest = components['schemas']['ResendCodeRequest'];
export type LoginRequest = components['schemas']['LoginRequest'];
export type LoginResponse = components['schemas']['LoginResponse'];
export type RefreshRequest = components['schemas']['RefreshRequest'];
export type RefreshResponse = components['schemas']['RefreshResponse'];
export type Bio = components['schemas']['Bio'];
export type CreateUserRequest = components['schemas']['CreateUserRequest'];
export type UpdateUserRequest = components['schemas']['UpdateUserRequest'];
export type User = components['schemas']['User'];
export type UserPage = components['schemas']['UserPage'];
export type JobType = components['schemas']['JobType'];
export type EchoJobPayload = components['schemas']['EchoJobPayload'];
export type EchoJobResult = components['schemas']['EchoJobResult'];
export type WordCountJobPayload = components['schemas']['WordCountJobPayload'];
export type WordCountJobResult = components['schemas']['WordCountJobResult'];
export type Sha256JobPayload = components['schemas']['Sha256JobPayload'];
export type Sha256JobResult = components['schemas']['Sha256JobResult'];
export type CsvStatsJobPayload = components['schemas']['CsvStatsJobPayload'];
export type CsvStatsJobResult = components['schemas']['CsvStatsJobResult'];
export type JobStatus = components['schemas']['JobStatus'];
export type SubmitJobRequest = components['schemas']['SubmitJobRequest'];
export type UploadId = components['schemas']['UploadId'];
export type UploadContentType = components['schemas']['UploadContentType'];
export type CreateUploadRequest = components['schemas']['CreateUploadRequest'];
export type Upload = components['schemas']['Upload'];
export type SubmitJobResponse = components['schemas']['SubmitJobResponse'];
export type Job = components['schemas']['Job'];
export type JobPage = components['schemas']['JobPage'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ResponseConflict = components['responses']['Conflict'];
export type ResponseStateConflict = components['responses']['StateConflict'];
export type ResponsePayloadTooLarge = components['responses']['PayloadTooLarge'];
export type ResponseUnprocessableEntity = components['responses']['UnprocessableEntity'];
export type ResponseTooManyRequests = components['responses']['TooManyRequests'];
export type ResponseInternalError = components['responses']['InternalError'];
export type ResponseServiceUnavailable = components['responses']['ServiceUnavailable'];
export type ParameterUserId = components['parameters']['UserId'];
export type ParameterJobId = components['parameters']['JobId'];
export type ParameterLimit = components['parameters']['Limit'];
export type ParameterNextToken = components['parameters']['NextToken'];
export type ParameterIdempotencyKey = components['parameters']['IdempotencyKey'];
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpRequest"];
            };
        };
        responses: {
            /** @description Registered; confirm with the emailed code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignUpResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    confirmSignUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmSignUpRequest"];
            };
        };
        responses: {
            /** @description Confirmed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    resendConfirmationCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResendCodeRequest"];
            };
        };
        responses: {
            /** @description Sent, if the account exists and is unconfirmed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Tokens. Send the idToken as `Authorization: Bearer <idToken>`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Fresh tokens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefreshResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `nextToken` of the previous page. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of profiles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalError"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description The updated profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    submitJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and same body return the same job; same key and another body are refused (422). Scoped per user. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitJobRequest"];
            };
        };
        responses: {
            /** @description Accepted and queued. `Location` is the status URL. */
            202: {
                headers: {
                    /** @description The job's status URL. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitJobResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableEntity"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUploadRequest"];
            };
        };
        responses: {
            /** @description The upload link. Nothing is stored until the file is posted to it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `nextToken` of the previous page. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the caller's jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again. `Location` is the status URL. */
            202: {
                headers: {
                    /** @description The job's status URL. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitJobResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["StateConflict"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitJobResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["StateConflict"];
            500: components["responses"]["InternalError"];
        };
    };
}
