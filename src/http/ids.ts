const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL or a form: anything but a UUID names nothing (and must not reach the database as a uuid). */
export const isUuid = (v: string): boolean => UUID.test(v);
