// Independent verification with Digital Bazaar's @digitalbazaar/vc and eddsa-rdfc-2022.
// Usage: node verify_credential.mjs <credential.json> <documents.json>
// documents.json maps URL -> JSON document (issuer controller, key, status list credential);
// JSON-LD contexts come only from credentials/contexts/ (the same files the site bundles).
// Prints a JSON result and exits 0 when the credential verifies and is not revoked.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'credentials', 'contexts');
const CONTEXTS = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-context-3.0.3.jsonld',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
};

const [credentialPath, documentsPath] = process.argv.slice(2);
const credential = JSON.parse(readFileSync(credentialPath, 'utf8'));
const documents = JSON.parse(readFileSync(documentsPath, 'utf8'));

const loader = new JsonLdDocumentLoader();
for(const [url, file] of Object.entries(CONTEXTS)) {
  loader.addStatic(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
}
for(const [url, doc] of Object.entries(documents)) {
  loader.addStatic(url, doc);
}
const staticLoader = loader.build();
const documentLoader = async url => {
  // Fragment URLs (#list) resolve to their document.
  return staticLoader(url.split('#')[0] === url ? url : url.split('#')[0]);
};

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});

function bitAt(encodedList, index) {
  if(!encodedList.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url');
  }
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bytes[index >> 3] >> (7 - (index % 8))) & 1;
}

async function checkStatus({credential}) {
  const entry = credential.credentialStatus;
  const {document: listCredential} = await documentLoader(entry.statusListCredential);
  const listResult = await vc.verifyCredential(
    {credential: listCredential, suite, documentLoader});
  if(!listResult.verified) {
    return {verified: false, error: new Error('status list credential does not verify')};
  }
  if(listCredential.issuer !== (credential.issuer.id || credential.issuer)) {
    return {verified: false, error: new Error('status list issuer differs')};
  }
  const bit = bitAt(listCredential.credentialSubject.encodedList,
    parseInt(entry.statusListIndex, 10));
  return {verified: bit === 0, revoked: bit === 1};
}

const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
const output = {
  verified: result.verified,
  revoked: result.statusResult ? Boolean(result.statusResult.revoked) : null,
  errors: (result.error ? [result.error] : []).concat(result.results || [])
    .filter(r => r && (r.error || r.message))
    .map(r => String(r.error?.message || r.message || r.error)),
};
process.stdout.write(JSON.stringify(output) + '\n');
process.exit(result.verified ? 0 : 1);
