// Generated from openapi.yaml by `npm run generate`. Do not edit.
import type { ValidateFunction } from 'ajv';

/** An operation's validators (or the job payloads'), by the names api/operations.json gives them. */
export type Validators = Readonly<Record<string, ValidateFunction>>;

export declare const body_confirmSignUp: ValidateFunction;
export declare const body_createUpload: ValidateFunction;
export declare const body_createUser: ValidateFunction;
export declare const body_login: ValidateFunction;
export declare const body_refreshTokens: ValidateFunction;
export declare const body_resendConfirmationCode: ValidateFunction;
export declare const body_signUp: ValidateFunction;
export declare const body_submitJob: ValidateFunction;
export declare const body_updateUser: ValidateFunction;
export declare const jobPayload_csv_stats: ValidateFunction;
export declare const jobPayload_echo: ValidateFunction;
export declare const jobPayload_sha256: ValidateFunction;
export declare const jobPayload_word_count: ValidateFunction;
export declare const param_cancelJob_path_jobId: ValidateFunction;
export declare const param_deleteUser_path_userId: ValidateFunction;
export declare const param_getJobStatus_path_jobId: ValidateFunction;
export declare const param_getUser_path_userId: ValidateFunction;
export declare const param_listJobs_query_limit: ValidateFunction;
export declare const param_listJobs_query_nextToken: ValidateFunction;
export declare const param_listUsers_query_limit: ValidateFunction;
export declare const param_listUsers_query_nextToken: ValidateFunction;
export declare const param_retryJob_path_jobId: ValidateFunction;
export declare const param_submitJob_header_Idempotency_Key: ValidateFunction;
export declare const param_updateUser_path_userId: ValidateFunction;

export declare const getHealth: Validators;
export declare const getOpenApi: Validators;
export declare const signUp: Validators;
export declare const confirmSignUp: Validators;
export declare const resendConfirmationCode: Validators;
export declare const login: Validators;
export declare const refreshTokens: Validators;
export declare const getMe: Validators;
export declare const listUsers: Validators;
export declare const createUser: Validators;
export declare const getUser: Validators;
export declare const updateUser: Validators;
export declare const deleteUser: Validators;
export declare const submitJob: Validators;
export declare const createUpload: Validators;
export declare const getJobStatus: Validators;
export declare const listJobs: Validators;
export declare const retryJob: Validators;
export declare const cancelJob: Validators;
export declare const jobPayloads: Validators;
