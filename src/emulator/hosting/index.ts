// What other services use of hosting: S3's way of refusing an upload (faults answer uploads so).
export { sendS3Error } from './s3.js';
export type { S3Failure } from './presign.js';
