// The flag helper lives in shared/ (the background's context menu uses it too).
export { flagOf } from '../shared/flag';
