export { addHighFrequencyMember, highFrequencyLibrary, highFrequencyRanking, removeHighFrequencyMember } from './library';
