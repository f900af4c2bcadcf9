// Station PINs are hashed like every human-chosen secret (scrypt, parameters in the hash):
// the station's names for the one implementation in electron/node/scrypt.ts.
export { DEFAULT_KDF, hashSecret as hashPin, verifySecret as verifyPin } from '../../node/scrypt';
