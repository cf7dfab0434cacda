/**
 * The clock is a port like any other: services read the time only through one, so tests set it and
 * every timestamp a request writes comes from one reading of it where that matters.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
