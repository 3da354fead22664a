-- One database per service (each service owns its data; none reads another's).
CREATE DATABASE peakshop_order;
CREATE DATABASE peakshop_notification;
CREATE DATABASE peakshop_cart;
CREATE DATABASE peakshop_inventory;
CREATE DATABASE peakshop_payment;
CREATE DATABASE peakshop_bank_simulator;
CREATE DATABASE peakshop_gateway;
