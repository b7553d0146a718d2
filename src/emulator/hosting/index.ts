// What other services use of hosting: S3's way of refusing an upload (faults answer uploads so).
export { sendS3Error } from './s3.js';
export type { S3Failure } from './presign.js';
// Where a deployment's code is, for the function runtime.
export { latestDeployment, type DeploymentZip } from './deployed-bundle.js';
// A deployment's files with their sizes, for the console.
export { deploymentFiles, type DeployedFile } from './deployed-bundle.js';
