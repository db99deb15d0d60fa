/** The access code test servers are built with, and the header that carries it (tests, the simulation, the bench). */
export const TEST_ACCESS_CODE = 'TEST-ACCESS-CODE-0001'
export const ACCESS_HEADERS = { 'x-regie-access-code': TEST_ACCESS_CODE }
