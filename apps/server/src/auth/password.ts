import { randomInt } from "node:crypto";
import argon2 from "argon2";

// OWASP 2024 baseline for argon2id: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so unknown users cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("không-phải-mật-khẩu-thật-1");
  await verifyPassword(await dummyHash, password);
  return false;
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
/** A readable random password (no 0/O, 1/l/I), with letters and digits. */
export function generatePassword(length = 14): string {
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    const set = i % 4 === 3 ? DIGITS : ALPHABET;
    chars.push(set[randomInt(set.length)]!);
  }
  return chars.join("");
}
