export * from './certificates.js';
export * from './ec-certificate.js';
