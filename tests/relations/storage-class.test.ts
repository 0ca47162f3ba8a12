import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('PVC → StorageClass', () => {
  const result = relationsOf('storage-class');

  it('relates each claim that names a class; a claim without one uses the default class and gets no edge', () => {
    expect(ofType(result, 'uses-storage-class')).toEqual([
      {
        type: 'uses-storage-class',
        from: key('', 'PersistentVolumeClaim', 'ffe', 'cache'),
        to: key('storage.k8s.io', 'StorageClass', undefined, 'fast'),
        reason: 'demande son volume à la classe fast',
        detail: { size: '1Gi' },
      },
      {
        type: 'uses-storage-class',
        from: key('', 'PersistentVolumeClaim', 'ffe', 'uploads'),
        to: key('storage.k8s.io', 'StorageClass', undefined, 'local-path'),
        reason: 'demande son volume à la classe local-path',
        detail: { size: '5Gi', external: 'true' },
      },
    ]);
  });
});
